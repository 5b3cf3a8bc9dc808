package org.tribuozoo.cli.data;

import java.nio.file.Path;
import java.util.Map;

/** Where downloaded data sets are kept unless {@code --dir} says otherwise. */
final class CacheFolder {

    private CacheFolder() {
    }

    /**
     * {@code $XDG_CACHE_HOME/tribuo-zoo} when that variable holds an absolute path (the XDG base
     * directory rule), else {@code ~/.cache/tribuo-zoo}.
     */
    static Path defaultRoot() {
        return defaultRoot(System.getenv(), System.getProperty("user.home"));
    }

    static Path defaultRoot(Map<String, String> environment, String userHome) {
        String xdg = environment.get("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "tribuo-zoo");
        }
        return Path.of(userHome, ".cache", "tribuo-zoo");
    }
}
