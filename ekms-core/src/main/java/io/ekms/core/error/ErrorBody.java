package io.ekms.core.error;

/** The JSON error body every ekms API answers with: {@code {"code": ..., "message": ...}}. */
public record ErrorBody(String code, String message) {}
