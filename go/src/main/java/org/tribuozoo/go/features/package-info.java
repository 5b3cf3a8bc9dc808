/** AlphaGo's 48 feature planes of a position, with the eye and ladder analyses they need. */
package org.tribuozoo.go.features;
