package org.tribuozoo.go.sgf;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import org.tribuozoo.go.SgfLimits;

/**
 * Parses an SGF (FF[4]) collection into game trees.
 *
 * <p>The parser works on bytes, since SGF's structure ({@code ( ; ) [ ] \}) is ASCII whatever
 * the {@code CA} charset of the text values is; values are returned byte-per-char (see
 * {@link SgfNode}). It is iterative, so deeply nested variations cannot overflow the stack.
 *
 * <p>Leniency, because real collections are messy: text before the first {@code (} and between
 * trees is ignored; lowercase letters in property identifiers (FF[3] style {@code AddBlack}) are
 * dropped; a file that ends inside open trees or an unterminated value keeps what was read
 * (the caller learns of it through {@link Result#truncated()}). A file without any game tree,
 * e.g. one of NUL bytes, is an {@link SgfFormatException}, and so is one of more nodes than
 * {@link SgfLimits#sgfNodes()} (every node is held in memory).
 */
public final class SgfParser {

    /** The parsed trees and whether the input ended prematurely. */
    public record Result(List<SgfNode> games, boolean truncated) {
    }

    private SgfParser() {
    }

    /**
     * Parses every game tree of a collection.
     *
     * @param data the file's bytes
     * @param name a name for error messages (file or archive entry)
     * @throws SgfFormatException when no game tree can be read, or the file has more nodes than
     *                             {@link SgfLimits#sgfNodes()}
     */
    public static Result parse(byte[] data, String name) {
        List<SgfNode> games = new ArrayList<>(1);
        Deque<SgfNode> branchPoints = new ArrayDeque<>();
        StringBuilder value = new StringBuilder(64);
        StringBuilder ident = new StringBuilder(4);
        SgfNode current = null;
        int depth = 0;
        boolean truncated = false;
        int i = 0;
        int n = data.length;
        long nodes = 0;
        long maxNodes = SgfLimits.sgfNodes();
        while (i < n) {
            int b = data[i] & 0xff;
            if (depth == 0) {
                // Outside any tree: skip junk until the next game tree opens.
                if (b == '(') {
                    depth = 1;
                    current = null;
                    branchPoints.clear();
                    branchPoints.push(new SgfNode()); // sentinel parent for the root
                }
                i++;
                continue;
            }
            switch (b) {
                case '(' -> {
                    // A variation hangs below the node that precedes it.
                    branchPoints.push(current == null ? branchPoints.peek() : current);
                    depth++;
                    i++;
                }
                case ')' -> {
                    current = branchPoints.pop();
                    depth--;
                    if (depth == 0) {
                        addTrees(current, games);
                        current = null;
                    }
                    i++;
                }
                case ';' -> {
                    if (++nodes > maxNodes) {
                        throw new SgfFormatException(String.format(Locale.ROOT,
                                "%s: more than %,d nodes, the limit for one SGF file (system property %s)",
                                name, maxNodes, SgfLimits.SGF_NODES));
                    }
                    SgfNode node = new SgfNode();
                    SgfNode parent = current == null ? branchPoints.peek() : current;
                    parent.addChild(node);
                    current = node;
                    i++;
                }
                default -> {
                    if (b >= 'A' && b <= 'Z' || b >= 'a' && b <= 'z') {
                        ident.setLength(0);
                        while (i < n && isIdentChar(data[i])) {
                            if (data[i] >= 'A' && data[i] <= 'Z') {
                                ident.append((char) data[i]);
                            }
                            i++;
                        }
                        while (i < n && isSpace(data[i])) {
                            i++;
                        }
                        if (i >= n || data[i] != '[') {
                            // An identifier without a value: not SGF; give up on this tree.
                            throw new SgfFormatException(name + ": property " + ident + " has no value (byte " + i + ")");
                        }
                        if (current == null) {
                            throw new SgfFormatException(name + ": property " + ident + " outside a node (byte " + i + ")");
                        }
                        String id = ident.toString();
                        while (i < n && data[i] == '[') {
                            i = readValue(data, i + 1, value);
                            if (i < 0) {
                                truncated = true;
                                i = n;
                                break;
                            }
                            current.add(id, value.toString());
                            while (i < n && isSpace(data[i])) {
                                i++;
                            }
                        }
                    } else {
                        // Whitespace, or stray bytes between nodes: tolerated.
                        i++;
                    }
                }
            }
        }
        if (depth > 0) {
            truncated = true;
            SgfNode root = branchPoints.peekLast();
            if (root != null) {
                addTrees(root, games);
            }
        }
        if (games.isEmpty()) {
            throw new SgfFormatException(name + ": no SGF game tree found");
        }
        return new Result(games, truncated);
    }

    private static void addTrees(SgfNode sentinel, List<SgfNode> games) {
        games.addAll(sentinel.children());
    }

    /**
     * Reads a value after its opening bracket into {@code out}, resolving escapes and soft line
     * breaks ({@code \} followed by a newline vanishes).
     *
     * @return the index after the closing bracket, or -1 when the input ended first
     */
    private static int readValue(byte[] data, int i, StringBuilder out) {
        out.setLength(0);
        int n = data.length;
        while (i < n) {
            int b = data[i] & 0xff;
            if (b == ']') {
                return i + 1;
            }
            if (b == '\\' && i + 1 < n) {
                int e = data[i + 1] & 0xff;
                if (e == '\n' || e == '\r') {
                    i += 2;
                    // A soft line break may be \n, \r, \r\n or \n\r.
                    if (i < n && (data[i] == '\n' || data[i] == '\r') && data[i] != e) {
                        i++;
                    }
                    continue;
                }
                out.append((char) e);
                i += 2;
                continue;
            }
            out.append((char) b);
            i++;
        }
        return -1;
    }

    private static boolean isIdentChar(byte b) {
        return b >= 'A' && b <= 'Z' || b >= 'a' && b <= 'z';
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t' || b == '\f' || b == 0x0b;
    }
}
