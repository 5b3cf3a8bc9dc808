package org.tribuozoo.cli.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * A published checksum of a file: the digest algorithm ({@code MD5} or {@code SHA-256}, as
 * {@link MessageDigest} names them) and the expected digest in lower-case hex.
 *
 * @param algorithm the {@link MessageDigest} algorithm name
 * @param hex       the expected digest, lower-case hex
 */
public record Checksum(String algorithm, String hex) {

    public Checksum {
        Objects.requireNonNull(algorithm, "algorithm");
        hex = hex.toLowerCase(Locale.ROOT);
        int expectedLength = newDigest(algorithm).getDigestLength() * 2;
        if (hex.length() != expectedLength || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new IllegalArgumentException(algorithm + " checksum must be " + expectedLength + " hex digits: " + hex);
        }
    }

    /** An MD5 checksum (what torchvision publishes for MNIST, Fashion-MNIST and CIFAR-10). */
    public static Checksum md5(String hex) {
        return new Checksum("MD5", hex);
    }

    /** A SHA-256 checksum. */
    public static Checksum sha256(String hex) {
        return new Checksum("SHA-256", hex);
    }

    /** The checksum of a file's contents with the same algorithm as this one. */
    public Checksum of(Path file) throws IOException {
        MessageDigest digest = newDigest(algorithm);
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return new Checksum(algorithm, HexFormat.of().formatHex(digest.digest()));
    }

    /** The checksum of some bytes with the same algorithm as this one. */
    public Checksum of(byte[] bytes) {
        return new Checksum(algorithm, HexFormat.of().formatHex(newDigest(algorithm).digest(bytes)));
    }

    /** Whether a file exists and its contents have this checksum. */
    public boolean matches(Path file) throws IOException {
        return Files.isRegularFile(file) && equals(of(file));
    }

    /** For messages: {@code md5 f68b3c2d...}. */
    @Override
    public String toString() {
        return algorithm.toLowerCase(Locale.ROOT).replace("-", "") + " " + hex;
    }

    private static MessageDigest newDigest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            // MD5 and SHA-256 are required of every Java platform; anything else is a catalogue bug.
            throw new IllegalArgumentException("unknown checksum algorithm " + algorithm, e);
        }
    }
}
