/**
 * Image data for Tribuo: data sources with provenance, the pixel feature naming contract, splits
 * and augmentation.
 * <ul>
 *   <li>{@link org.tribuozoo.tribuo.data.PixelFeatureNames} and
 *   {@link org.tribuozoo.tribuo.data.ImageLayout}: how an H x W x C image is spelled as Tribuo
 *   features (the decimal (h, w, c) index, zero-padded as Tribuo's IDXDataSource does).</li>
 *   <li>Sources: {@link org.tribuozoo.tribuo.data.IdxImages} (MNIST-family IDX files through
 *   Tribuo's IDXDataSource), {@link org.tribuozoo.tribuo.data.Cifar10DataSource},
 *   {@link org.tribuozoo.tribuo.data.ImageFolderDataSource},
 *   {@link org.tribuozoo.tribuo.data.DemoDataSource}.</li>
 *   <li>{@link org.tribuozoo.tribuo.data.Splits}: deterministic train/validation/test splits,
 *   as {@link org.tribuozoo.tribuo.data.SplitDataSource}s rebuilt from provenance.</li>
 *   <li>{@link org.tribuozoo.tribuo.data.Augmentation}: seeded rotation, shifts and flips of
 *   float image batches.</li>
 * </ul>
 * Every source is an OLCUT-configurable {@link org.tribuo.ConfigurableDataSource}: its provenance
 * holds its configuration, so a recorded experiment rebuilds the same data.
 * See {@code docs/data.md}.
 */
package org.tribuozoo.tribuo.data;
