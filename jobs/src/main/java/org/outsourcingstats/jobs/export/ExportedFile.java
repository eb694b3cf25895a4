package org.outsourcingstats.jobs.export;

/** One file an export wrote: its location and how many rows it holds. */
public record ExportedFile(String location, long rows) {}
