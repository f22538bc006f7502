package io.basehook.adapter.rest.dto;

/** A request body record that {@link StrictJsonBodyReader} reads: strict JSON types, no repeated keys, valid Unicode. */
public interface JsonRequest {
}
