package org.tribuozoo.go.sgf;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One node of an SGF game tree: its properties and its children (variations).
 *
 * <p>Property values are kept as <em>raw</em> strings: escapes and soft line breaks are already
 * resolved, but the bytes are not yet decoded from the file's character set (each byte is one
 * {@code char}, as ISO-8859-1 maps them). Structural values (points, numbers) are ASCII and can be
 * used directly; text values should go through {@link #text(String, Charset)}, which decodes
 * them with the collection's {@code CA} charset and never fails on invalid bytes.
 */
public final class SgfNode {

    private final Map<String, List<String>> properties = new LinkedHashMap<>(4);
    private final List<SgfNode> children = new ArrayList<>(1);

    void add(String id, String rawValue) {
        properties.computeIfAbsent(id, k -> new ArrayList<>(1)).add(rawValue);
    }

    void addChild(SgfNode child) {
        children.add(child);
    }

    /** @return the property identifiers in file order. */
    public Iterable<String> propertyIds() {
        return properties.keySet();
    }

    /** @return whether the node has the property. */
    public boolean has(String id) {
        return properties.containsKey(id);
    }

    /** @return the raw values of a property, empty when absent. */
    public List<String> values(String id) {
        List<String> v = properties.get(id);
        return v == null ? Collections.emptyList() : Collections.unmodifiableList(v);
    }

    /** @return the first raw value of a property, or null when absent. */
    public String value(String id) {
        List<String> v = properties.get(id);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    /**
     * Decodes a text property with the given charset. Invalid byte sequences are replaced
     * (U+FFFD), never thrown.
     *
     * @return the decoded text, or null when the property is absent
     */
    public String text(String id, Charset charset) {
        String raw = value(id);
        return raw == null ? null : decode(raw, charset);
    }

    /** @return the variations below this node; the first one continues the main line. */
    public List<SgfNode> children() {
        return Collections.unmodifiableList(children);
    }

    /** @return the first child (main line), or null at the end of the line. */
    public SgfNode mainChild() {
        return children.isEmpty() ? null : children.get(0);
    }

    /** Decodes a raw (byte-per-char) value with a charset, replacing malformed input. */
    static String decode(String raw, Charset charset) {
        if (charset.equals(StandardCharsets.ISO_8859_1)) {
            return raw;
        }
        byte[] bytes = raw.getBytes(StandardCharsets.ISO_8859_1);
        try {
            return charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            // Unreachable with REPLACE; fall back to the byte-per-char reading.
            return raw;
        }
    }
}
