/**
 * The local catalog: the warehouse folder itself. {@link
 * org.outsourcingstats.jobs.catalog.WarehouseCatalog} is Spark's session catalog in local mode; it
 * finds the Delta tables of {@code <warehouse>/<database>.db/} by name in every process, with no
 * metastore to share, lock or keep in step with the folder.
 */
package org.outsourcingstats.jobs.catalog;
