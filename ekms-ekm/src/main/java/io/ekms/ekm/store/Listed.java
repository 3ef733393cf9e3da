package io.ekms.ekm.store;

import java.time.Instant;

/**
 * A row of a paged list whose domain object does not carry its creation time: the object with its
 * id and creation time, the cursor of a {@link PageQuery}.
 */
public record Listed<T>(T item, String id, Instant createdAt) {}
