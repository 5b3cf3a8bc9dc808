package org.tribuozoo.tribuo;

import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.config.ConfigurationData;
import com.oracle.labs.mlrg.olcut.config.property.ListProperty;
import com.oracle.labs.mlrg.olcut.config.property.Property;
import com.oracle.labs.mlrg.olcut.config.property.SimpleProperty;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.URI;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The files a replayed run may read. A provenance file is data: a tampered one must not make a
 * replay walk the whole file system ({@code folder:/}) or read the kernel's files. So before any data
 * source is built from a provenance, each path it is configured with is checked, and a system folder
 * is refused: the root of a file system, and anything in {@code /proc}, {@code /sys} or {@code /dev}
 * (after links are followed).
 */
public final class ReplayPaths {

    private static final List<Path> SYSTEM_FOLDERS = List.of(Path.of("/proc"), Path.of("/sys"), Path.of("/dev"));

    private ReplayPaths() {
    }

    /**
     * Checks a path a replay is to read.
     *
     * @param path the path to read
     * @param what how the path was named, for the message ({@code the recorded test data})
     * @throws IllegalArgumentException if the path is a system folder or lies in one
     */
    public static void check(Path path, String what) {
        systemFolder(path).ifPresent(folder -> {
            throw new IllegalArgumentException(what + " names " + path + ", " + folder + "; a replay reads data "
                    + "files only, never the root of a file system, /proc, /sys or /dev");
        });
    }

    /** What system folder a path is or lies in, if any. */
    static Optional<String> systemFolder(Path path) {
        List<Path> forms = new ArrayList<>();
        forms.add(path.toAbsolutePath().normalize());
        try {
            forms.add(path.toRealPath());
        } catch (IOException | SecurityException e) {
            // Not there (yet): its name is all there is to check.
        }
        for (Path p : forms) {
            if (p.getNameCount() == 0) {
                return Optional.of("the root of the file system");
            }
            for (Path system : SYSTEM_FOLDERS) {
                if (p.startsWith(system)) {
                    return Optional.of("in " + system);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Checks every path a set of OLCUT configurations gives a component: each {@link Config} field of
     * type {@link Path}, {@link File} or {@link URL} (or a list or array of them) of each configured
     * class, before anything is built from them.
     *
     * @throws IllegalArgumentException naming the component, the field and the path
     */
    static void checkConfigured(List<ConfigurationData> configurations) {
        for (ConfigurationData data : configurations) {
            Class<?> type;
            try {
                type = Class.forName(data.getClassName());
            } catch (ClassNotFoundException | LinkageError e) {
                continue; // OLCUT reports the unknown class when it is looked up
            }
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field field : c.getDeclaredFields()) {
                    Config config = field.getAnnotation(Config.class);
                    if (config == null || !holdsPaths(field)) {
                        continue;
                    }
                    String name = field.getName(); // OLCUT names a setting by its field
                    Optional<Property> value = data.get(name);
                    if (value.isPresent()) {
                        for (String text : texts(value.get())) {
                            check(toPath(text), "the recorded " + type.getSimpleName() + " setting '" + name + "'");
                        }
                    }
                }
            }
        }
    }

    private static boolean holdsPaths(Field field) {
        Type t = field.getGenericType();
        if (t instanceof ParameterizedType p && p.getActualTypeArguments().length == 1) {
            t = p.getActualTypeArguments()[0];
        } else if (field.getType().isArray()) {
            t = field.getType().getComponentType();
        }
        return t == Path.class || t == File.class || t == URL.class;
    }

    private static List<String> texts(Property p) {
        if (p instanceof SimpleProperty s) {
            return List.of(s.getValue());
        }
        if (p instanceof ListProperty l) {
            return l.getSimpleList().stream().map(SimpleProperty::getValue).toList();
        }
        return List.of();
    }

    private static Path toPath(String text) {
        try {
            return text.startsWith("file:") ? Path.of(URI.create(text)) : Path.of(text);
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) { // InvalidPathException too
            throw new IllegalArgumentException("the provenance names a path that is not one: '" + text + "'");
        }
    }
}
