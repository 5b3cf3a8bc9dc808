/** The rules of Go: the board with its chains, captures and ko, coordinates, and the replay of a game. */
package org.tribuozoo.go.rules;
