package io.basehook.adapter.rest.dto;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.basehook.domain.shared.BasehookException;
import io.micronaut.core.io.buffer.ByteBuffer;
import io.micronaut.core.type.Argument;
import io.micronaut.core.type.Headers;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.body.MessageBodyReader;
import io.micronaut.http.codec.CodecException;
import io.micronaut.serde.Deserializer;
import io.micronaut.serde.SerdeRegistry;
import io.micronaut.serde.config.DeserializationConfiguration;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Reads every {@link JsonRequest} body: serde binds the record as usual, but through {@link StrictJsonDecoder}, so a
 * wrong JSON type, a repeated key, a lone surrogate or a member the record does not have is a 400 naming the field.
 * Micronaut picks this reader over its own JSON reader because its type is the closer match.
 */
@Singleton
@Consumes(MediaType.APPLICATION_JSON)
public final class StrictJsonBodyReader<T extends JsonRequest> implements MessageBodyReader<T> {

    private final SerdeRegistry registry;

    public StrictJsonBodyReader(SerdeRegistry registry, DeserializationConfiguration configured) {
        this.registry = registry.cloneWithConfiguration(null, null, new RefuseUnknown(configured));
    }

    @Override
    public T read(Argument<T> type, MediaType mediaType, Headers httpHeaders, ByteBuffer<?> byteBuffer) throws CodecException {
        try (JsonParser parser = ExactJson.FACTORY.createParser(byteBuffer.toByteArray())) {
            return readRefusingAsCodecError(type, parser);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public T read(Argument<T> type, MediaType mediaType, Headers httpHeaders, InputStream inputStream) throws CodecException {
        try (JsonParser parser = ExactJson.FACTORY.createParser(inputStream)) {
            return readRefusingAsCodecError(type, parser);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A refusal leaves as the CodecException Micronaut expects of a reader: it then fails the argument and answers
     * after the body is released, where an exception of another type would answer from inside the body's callback.
     */
    private T readRefusingAsCodecError(Argument<T> type, JsonParser parser) throws IOException {
        try {
            return read(type, parser);
        } catch (BasehookException refused) {
            throw new CodecException(refused.getMessage(), refused);
        }
    }

    /** Reads one JSON object into the record; the only exceptions it lets out are Basehook's own. */
    T read(Argument<T> type, JsonParser parser) throws IOException {
        StrictJsonDecoder decoder = new StrictJsonDecoder(parser);
        T value;
        try {
            if (parser.nextToken() == null) {
                throw ExactJson.malformed("the body holds no JSON value");
            }
            if (!parser.isExpectedStartObjectToken()) {
                throw ExactJson.malformed("the body must be a JSON object");
            }
            // the decoder reads from the current token on, as serde's own decoder does
            decoder.start(parser.currentToken());
            Deserializer.DecoderContext context = registry.newDecoderContext(null);
            Deserializer<? extends T> deserializer = context.findDeserializer(type).createSpecific(context, type);
            value = deserializer.deserialize(decoder, context, type);
            if (parser.nextToken() != null) {
                throw ExactJson.malformed("the body holds more than one JSON value");
            }
        } catch (JsonProcessingException e) {
            throw ExactJson.malformed(ExactJson.describe(e));
        } catch (IOException | RuntimeException e) {
            if (e instanceof BasehookException basehook) {
                throw basehook;
            }
            throw refusal(decoder, e);
        }
        return value;
    }

    private static BasehookException refusal(StrictJsonDecoder decoder, Exception e) {
        if (decoder.refusal() != null) {
            return decoder.refusal();
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonProcessingException syntax) {
                return ExactJson.malformed(ExactJson.describe(syntax));
            }
        }
        String field = decoder.field();
        if (decoder.stoppedAtKey()) {
            return RequestFields.unknown(field);
        }
        return BasehookException.invalid("invalid_field", field, field + " has a value that is not allowed here");
    }

    /** The configured deserialisation, except that a member the record does not have is refused, not skipped. */
    private record RefuseUnknown(DeserializationConfiguration configured) implements DeserializationConfiguration {

        @Override
        public boolean isIgnoreUnknown() {
            return false;
        }

        @Override
        public int getArraySizeThreshold() {
            return configured.getArraySizeThreshold();
        }

        @Override
        public boolean isStrictNullable() {
            return configured.isStrictNullable();
        }

        @Override
        public boolean isFailOnNullForPrimitives() {
            return configured.isFailOnNullForPrimitives();
        }

        @Override
        public boolean isSubtypesRequireDefaultImpl() {
            return configured.isSubtypesRequireDefaultImpl();
        }

        @Override
        public boolean acceptCaseInsensitiveEnums() {
            return configured.acceptCaseInsensitiveEnums();
        }
    }
}
