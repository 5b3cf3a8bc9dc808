package org.tribuozoo.go.rules;

import java.util.Arrays;

/**
 * A Go board with the rules of play: placement, captures, suicide (illegal) and simple ko.
 *
 * <p>Chains (groups of connected stones) and their liberties are maintained incrementally:
 * each chain keeps a linked ring of its stones, its size and a liberty bitset, so that the
 * liberty count of any stone is a lookup and liberty unions (needed by the feature planes) are
 * a few word-wise ORs. Everything lives in flat {@code int}/{@code long} arrays so that a board
 * can be copied cheaply ({@link #copyFrom}) for look-ahead such as ladder reading.
 *
 * <p>Internally the board is padded with a one-point border, so the neighbours of an on-board
 * point never need bounds checks. Such padded indices are called <em>vertices</em>
 * ({@link #vertex(int, int)}); public APIs elsewhere use <em>point indices</em>
 * {@code row * size + col}, row 0 being the top row (SGF row {@code a}); see
 * {@link #vertexOfPoint(int)} and {@link #pointOfVertex(int)}.
 *
 * <p>Colours are {@link #EMPTY}, {@link #BLACK}, {@link #WHITE}; {@link #opponent(int)} swaps
 * the two players. Stones placed by setup ({@link #setup}) never capture.
 */
public final class Board {

    /** An empty point. */
    public static final int EMPTY = 0;
    /** A black stone / the black player. */
    public static final int BLACK = 1;
    /** A white stone / the white player. */
    public static final int WHITE = 2;
    /** The padding around the board. */
    public static final int BORDER = 3;

    /** {@link #play} result: the point is not empty. */
    public static final int ILLEGAL_OCCUPIED = -1;
    /** {@link #play} result: the stone would have no liberty and captures nothing. */
    public static final int ILLEGAL_SUICIDE = -2;
    /** {@link #play} result: the move retakes a ko immediately. */
    public static final int ILLEGAL_KO = -3;

    /** The move number recorded for setup stones: older than any played stone. */
    static final int SETUP_MOVE = Integer.MIN_VALUE / 2;

    private final int size;
    private final int stride;
    private final int words;
    private final int[] offsets;
    private final int[] vertices;

    private final int[] color;
    private final int[] head;
    private final int[] next;
    private final int[] chainSize;
    private final int[] libCount;
    private final int[] playedAt;
    private final long[] libs;

    private int koVertex = -1;
    private int moveNumber;
    private int lastCaptured = -1;

    /**
     * Creates an empty board.
     *
     * @param size the side length, 2 to 25 (SGF's letter coordinates cover up to 52, but the
     *             feature planes and data format are meant for 19 and the tests use 5 to 9).
     */
    public Board(int size) {
        if (size < 2 || size > 25) {
            throw new IllegalArgumentException("board size must be in 2..25, got " + size);
        }
        this.size = size;
        this.stride = size + 2;
        int area = stride * stride;
        this.words = (area + 63) >>> 6;
        this.offsets = new int[] {-stride, -1, 1, stride};
        this.vertices = new int[size * size];
        for (int p = 0; p < vertices.length; p++) {
            vertices[p] = (p / size + 1) * stride + p % size + 1;
        }
        color = new int[area];
        head = new int[area];
        next = new int[area];
        chainSize = new int[area];
        libCount = new int[area];
        playedAt = new int[area];
        libs = new long[area * words];
        clear();
    }

    /** Creates an independent copy of {@code other}. */
    public Board(Board other) {
        this(other.size);
        copyFrom(other);
    }

    /** Empties the board and resets the move counter and ko. */
    public void clear() {
        Arrays.fill(color, BORDER);
        for (int v : vertices) {
            color[v] = EMPTY;
        }
        Arrays.fill(head, 0);
        Arrays.fill(chainSize, 0);
        Arrays.fill(libCount, 0);
        Arrays.fill(playedAt, 0);
        Arrays.fill(libs, 0L);
        koVertex = -1;
        moveNumber = 0;
    }

    /** Makes this board an exact copy of {@code other} (same size required); allocation-free. */
    public void copyFrom(Board other) {
        if (other.size != size) {
            throw new IllegalArgumentException("board sizes differ: " + size + " vs " + other.size);
        }
        System.arraycopy(other.color, 0, color, 0, color.length);
        System.arraycopy(other.head, 0, head, 0, head.length);
        System.arraycopy(other.next, 0, next, 0, next.length);
        System.arraycopy(other.chainSize, 0, chainSize, 0, chainSize.length);
        System.arraycopy(other.libCount, 0, libCount, 0, libCount.length);
        System.arraycopy(other.playedAt, 0, playedAt, 0, playedAt.length);
        System.arraycopy(other.libs, 0, libs, 0, libs.length);
        koVertex = other.koVertex;
        moveNumber = other.moveNumber;
    }

    /** @return the other player. */
    public static int opponent(int colour) {
        return 3 - colour;
    }

    public int size() {
        return size;
    }

    /** @return the distance between vertically adjacent vertices (size + 2). */
    public int stride() {
        return stride;
    }

    /** @return the number of padded vertices, the bound of every vertex index. */
    public int vertexCount() {
        return color.length;
    }

    /** @return the vertex offsets of the four orthogonal neighbours (up, left, right, down). */
    public int[] neighbourOffsets() {
        return offsets;
    }

    /** @return the vertex of (row, col), row 0 at the top. */
    public int vertex(int row, int col) {
        return (row + 1) * stride + col + 1;
    }

    /** @return the vertex of point index {@code row * size + col}. */
    public int vertexOfPoint(int point) {
        return vertices[point];
    }

    /** @return the point index {@code row * size + col} of an on-board vertex. */
    public int pointOfVertex(int vertex) {
        return (vertex / stride - 1) * size + vertex % stride - 1;
    }

    /** @return the on-board vertices in point-index order (shared array, do not modify). */
    public int[] vertices() {
        return vertices;
    }

    /** @return the colour at a vertex: EMPTY, BLACK, WHITE or BORDER. */
    public int colour(int vertex) {
        return color[vertex];
    }

    /** @return the colour at (row, col). */
    public int colourAt(int row, int col) {
        return color[vertex(row, col)];
    }

    /** @return the representative vertex of the chain at a stone (meaningless on empty points). */
    public int chain(int vertex) {
        return head[vertex];
    }

    /** @return the number of stones in the chain at a stone, 0 on an empty point. */
    public int chainSize(int vertex) {
        int c = color[vertex];
        return c == BLACK || c == WHITE ? chainSize[head[vertex]] : 0;
    }

    /** @return the number of liberties of the chain at a stone, 0 on an empty point. */
    public int liberties(int vertex) {
        int c = color[vertex];
        return c == BLACK || c == WHITE ? libCount[head[vertex]] : 0;
    }

    /** @return the next stone in the circular list of the chain's stones. */
    public int nextStone(int vertex) {
        return next[vertex];
    }

    /** @return the number of {@code long} words in a liberty bitset. */
    public int libertyWords() {
        return words;
    }

    /** ORs the liberty bitset of the chain whose representative is {@code root} into {@code acc}. */
    public void orLiberties(int root, long[] acc) {
        int base = root * words;
        for (int w = 0; w < words; w++) {
            acc[w] |= libs[base + w];
        }
    }

    /**
     * Writes the liberty vertices of the chain at a stone into {@code out}.
     *
     * @return how many were written
     */
    public int libertyVertices(int vertex, int[] out) {
        int base = head[vertex] * words;
        int n = 0;
        for (int w = 0; w < words; w++) {
            long bits = libs[base + w];
            while (bits != 0) {
                out[n++] = (w << 6) + Long.numberOfTrailingZeros(bits);
                bits &= bits - 1;
            }
        }
        return n;
    }

    /** @return the vertex where the player to move may not play because of ko, or -1. */
    public int koVertex() {
        return koVertex;
    }

    /** @return how many moves (including passes) were played since the board was set up. */
    public int moveNumber() {
        return moveNumber;
    }

    /**
     * How many moves ago the stone at {@code vertex} was played: 1 for the last move. Passes
     * count as moves. Setup stones report a very large age. Meaningless on empty points.
     */
    public int stoneAge(int vertex) {
        return moveNumber - playedAt[vertex] + 1;
    }

    /**
     * @return 0 when {@code colour} may play at {@code vertex}, else the negative
     *         {@code ILLEGAL_*} code {@link #play} would return
     */
    public int check(int vertex, int colour) {
        if (color[vertex] != EMPTY) {
            return ILLEGAL_OCCUPIED;
        }
        if (vertex == koVertex) {
            return ILLEGAL_KO;
        }
        return isSuicide(vertex, colour) ? ILLEGAL_SUICIDE : 0;
    }

    /** @return whether {@code colour} may play at {@code vertex} (empty, not ko, not suicide). */
    public boolean isLegal(int vertex, int colour) {
        if (color[vertex] != EMPTY || vertex == koVertex) {
            return false;
        }
        return !isSuicide(vertex, colour);
    }

    private boolean isSuicide(int vertex, int colour) {
        int enemy = opponent(colour);
        for (int off : offsets) {
            int n = vertex + off;
            int c = color[n];
            if (c == EMPTY) {
                return false;
            }
            if (c == colour && libCount[head[n]] > 1) {
                return false;
            }
            if (c == enemy && libCount[head[n]] == 1) {
                return false;
            }
        }
        return true;
    }

    /**
     * Plays a stone, capturing opponent chains left without liberties.
     *
     * @return the number of stones captured (0 or more), or a negative
     *         {@code ILLEGAL_*} code, in which case the board is unchanged
     */
    public int play(int vertex, int colour) {
        if (color[vertex] != EMPTY) {
            return ILLEGAL_OCCUPIED;
        }
        if (vertex == koVertex) {
            return ILLEGAL_KO;
        }
        if (isSuicide(vertex, colour)) {
            return ILLEGAL_SUICIDE;
        }
        int enemy = opponent(colour);
        color[vertex] = colour;
        playedAt[vertex] = moveNumber + 1;
        head[vertex] = vertex;
        next[vertex] = vertex;
        chainSize[vertex] = 1;
        clearBits(vertex);
        for (int off : offsets) {
            int n = vertex + off;
            int c = color[n];
            if (c == EMPTY) {
                addLiberty(vertex, n);
            } else if (c != BORDER) {
                removeLiberty(head[n], vertex);
            }
        }
        for (int off : offsets) {
            int n = vertex + off;
            if (color[n] == colour && head[n] != head[vertex]) {
                merge(head[vertex], head[n]);
            }
        }
        int captured = 0;
        int capturedChains = 0;
        for (int off : offsets) {
            int n = vertex + off;
            if (color[n] == enemy && libCount[head[n]] == 0) {
                captured += removeChain(head[n]);
                capturedChains++;
            }
        }
        int root = head[vertex];
        // Simple ko: a single stone captured a single stone and is itself left in atari, so
        // recapturing at once would repeat the position. A bigger recapture is a snapback.
        koVertex = captured == 1 && capturedChains == 1 && chainSize[root] == 1 && libCount[root] == 1
                ? lastCaptured : -1;
        moveNumber++;
        return captured;
    }

    /** A pass: ages every stone by one move and lifts the ko ban. */
    public void pass() {
        koVertex = -1;
        moveNumber++;
    }

    /**
     * Places ({@code colour} BLACK/WHITE) or removes ({@code EMPTY}) a stone as SGF setup
     * (AB/AW/AE) does: nothing is captured, and setup stones count as older than any move.
     * Call {@link #finishSetup()} after a batch of setup changes.
     */
    public void setup(int vertex, int colour) {
        color[vertex] = colour;
        playedAt[vertex] = SETUP_MOVE;
    }

    /** Recomputes all chains and liberties after {@link #setup} calls, and lifts the ko ban. */
    public void finishSetup() {
        Arrays.fill(libs, 0L);
        for (int v : vertices) {
            if (color[v] == BLACK || color[v] == WHITE) {
                head[v] = -1;
            }
        }
        int[] stack = new int[vertices.length];
        for (int v : vertices) {
            int c = color[v];
            if ((c != BLACK && c != WHITE) || head[v] != -1) {
                continue;
            }
            // Flood fill the chain, linking its stones into a ring.
            int top = 0;
            stack[top++] = v;
            head[v] = v;
            next[v] = v;
            int count = 1;
            while (top > 0) {
                int s = stack[--top];
                for (int off : offsets) {
                    int n = s + off;
                    if (color[n] == EMPTY) {
                        setBit(v, n);
                    } else if (color[n] == c && head[n] == -1) {
                        head[n] = v;
                        next[n] = next[v];
                        next[v] = n;
                        count++;
                        stack[top++] = n;
                    }
                }
            }
            chainSize[v] = count;
            libCount[v] = popCount(v);
        }
        koVertex = -1;
    }

    private void merge(int a, int b) {
        int big = chainSize[a] >= chainSize[b] ? a : b;
        int small = big == a ? b : a;
        int s = small;
        do {
            head[s] = big;
            s = next[s];
        } while (s != small);
        int t = next[big];
        next[big] = next[small];
        next[small] = t;
        chainSize[big] += chainSize[small];
        int bb = big * words;
        int sb = small * words;
        for (int w = 0; w < words; w++) {
            libs[bb + w] |= libs[sb + w];
        }
        libCount[big] = popCount(big);
    }

    private int removeChain(int root) {
        int n = 0;
        int s = root;
        do {
            color[s] = EMPTY;
            lastCaptured = s;
            n++;
            s = next[s];
        } while (s != root);
        s = root;
        do {
            for (int off : offsets) {
                int nb = s + off;
                int c = color[nb];
                if (c == BLACK || c == WHITE) {
                    addLiberty(head[nb], s);
                }
            }
            s = next[s];
        } while (s != root);
        return n;
    }

    private void clearBits(int root) {
        Arrays.fill(libs, root * words, root * words + words, 0L);
        libCount[root] = 0;
    }

    private void setBit(int root, int v) {
        libs[root * words + (v >>> 6)] |= 1L << v;
    }

    private void addLiberty(int root, int v) {
        int i = root * words + (v >>> 6);
        long bit = 1L << v;
        if ((libs[i] & bit) == 0) {
            libs[i] |= bit;
            libCount[root]++;
        }
    }

    private void removeLiberty(int root, int v) {
        int i = root * words + (v >>> 6);
        long bit = 1L << v;
        if ((libs[i] & bit) != 0) {
            libs[i] &= ~bit;
            libCount[root]--;
        }
    }

    private int popCount(int root) {
        int base = root * words;
        int n = 0;
        for (int w = 0; w < words; w++) {
            n += Long.bitCount(libs[base + w]);
        }
        return n;
    }

    /**
     * Verifies the incremental chain bookkeeping against a from-scratch flood fill; meant for
     * tests.
     *
     * @return null when consistent, otherwise a description of the first difference
     */
    public String checkConsistency() {
        Board fresh = new Board(size);
        for (int v : vertices) {
            fresh.color[v] = color[v];
        }
        fresh.finishSetup();
        for (int v : vertices) {
            if (color[v] != BLACK && color[v] != WHITE) {
                continue;
            }
            if (fresh.chainSize(v) != chainSize(v)) {
                return "chain size at " + pointOfVertex(v) + ": " + chainSize(v) + " != " + fresh.chainSize(v);
            }
            if (fresh.liberties(v) != liberties(v)) {
                return "liberties at " + pointOfVertex(v) + ": " + liberties(v) + " != " + fresh.liberties(v);
            }
            long[] a = new long[words];
            long[] b = new long[words];
            orLiberties(head[v], a);
            fresh.orLiberties(fresh.head[v], b);
            if (!Arrays.equals(a, b)) {
                return "liberty set at " + pointOfVertex(v);
            }
            int count = 0;
            int s = v;
            do {
                if (head[s] != head[v]) {
                    return "ring of " + pointOfVertex(v) + " holds a stone of another chain";
                }
                count++;
                s = next[s];
            } while (s != v && count <= vertices.length);
            if (count != chainSize(v)) {
                return "ring length at " + pointOfVertex(v);
            }
        }
        return null;
    }

    /** @return the board as rows of {@code X} (black), {@code O} (white) and {@code .}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < size; r++) {
            for (int c = 0; c < size; c++) {
                int col = colourAt(r, c);
                sb.append(col == BLACK ? 'X' : col == WHITE ? 'O' : '.');
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
