package org.outsourcingstats.common.landing;

import java.io.Serializable;
import java.util.Map;

/**
 * One record of a landed file as text.
 *
 * @param line the line of the file where the record starts (the header is line 1)
 * @param raw the record's text as decoded
 * @param fields values by header name as written (trimmed, lower case), in header order
 * @param parseError why the record does not fit the header, or null
 */
public record RawRecord(
    long line, String raw, String header, Map<String, String> fields, String parseError)
    implements Serializable {}
