/** SGF files from files, folders and tar or zip archives, streamed. */
package org.tribuozoo.go.io;
