/**
 * Go data for the AlphaGo policy network, read with the JDK and commons-compress only: the entry
 * points ({@link org.tribuozoo.go.GoData}), a position ready for the network
 * ({@link org.tribuozoo.go.GamePosition}) and the feature-plane report.
 */
package org.tribuozoo.go;
