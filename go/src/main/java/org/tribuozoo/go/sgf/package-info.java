/** Smart Game Format: parsing SGF text into game records, with the issues found in each game. */
package org.tribuozoo.go.sgf;
