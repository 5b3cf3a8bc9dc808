package org.tribuozoo.cli.report;

import org.tribuozoo.cli.UserException;

/**
 * A generated block inside a hand-written Markdown file, between {@code <!-- zoo report: NAME -->}
 * and {@code <!-- /zoo report -->}: only the text between the two markers is replaced, every byte
 * outside them is kept.
 *
 * @param name the section's name in its opening marker
 */
record MarkedSection(String name) {

    static final String END = "<!-- /zoo report -->";
    private static final String ANY_BEGIN = "<!-- zoo report:";

    MarkedSection {
        if (name.isBlank() || name.contains("-->") || name.contains("\n")) {
            throw new UserException("--section must be a name on one line without '-->', got '" + name + "'");
        }
    }

    /** The opening marker. */
    String begin() {
        return ANY_BEGIN + " " + name + " -->";
    }

    /**
     * The text with the section's content replaced.
     *
     * @param text    the file's text
     * @param content the new content, which goes on the lines between the markers
     * @param file    how to name the file in an error
     * @throws UserException when the section's markers are missing, repeated or unbalanced
     */
    String replace(String text, String content, String file) {
        int begin = text.indexOf(begin());
        if (begin < 0) {
            throw new UserException(file + " has no '" + begin() + "' marker: put it and '" + END
                    + "' where the generated table goes");
        }
        if (text.indexOf(begin(), begin + 1) >= 0) {
            throw new UserException(file + " has the marker '" + begin() + "' more than once");
        }
        int from = begin + begin().length();
        int end = text.indexOf(END, from);
        int nested = text.indexOf(ANY_BEGIN, from);
        if (end < 0 || nested >= 0 && nested < end) {
            throw new UserException(file + ": '" + begin() + "' is not closed by '" + END
                    + "' before the next marker");
        }
        return text.substring(0, from) + "\n" + content + (content.endsWith("\n") ? "" : "\n") + text.substring(end);
    }
}
