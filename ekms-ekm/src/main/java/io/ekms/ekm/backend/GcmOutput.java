package io.ekms.ekm.backend;

/** What AES-GCM encryption returns: the ciphertext, the 12-byte IV and the 16-byte tag. */
public record GcmOutput(byte[] ciphertext, byte[] iv, byte[] tag) {}
