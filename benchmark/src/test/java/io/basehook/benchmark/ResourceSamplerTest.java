package io.basehook.benchmark;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResourceSamplerTest {

    @Test
    void aServerOnLoopbackIsOnThisMachine() {
        assertTrue(ResourceSampler.onThisMachine("jdbc:mysql://127.0.0.1:3306/bh_bench"));
        assertTrue(ResourceSampler.onThisMachine("jdbc:mysql://localhost/basehook?useSSL=false"));
        assertTrue(ResourceSampler.onThisMachine("jdbc:mariadb://LOCALHOST:3307/x"));
        assertTrue(ResourceSampler.onThisMachine("jdbc:mysql://[::1]:3306/x"));
        assertTrue(ResourceSampler.onThisMachine("jdbc:mysql://127.0.0.2,127.0.0.3/x"));
    }

    @Test
    void anyOtherHostOrNoUrlIsNot() {
        assertFalse(ResourceSampler.onThisMachine(null));
        assertFalse(ResourceSampler.onThisMachine(""));
        assertFalse(ResourceSampler.onThisMachine("jdbc:mysql://db.example.com:3306/basehook"));
        assertFalse(ResourceSampler.onThisMachine("jdbc:mysql://10.0.0.5/basehook"));
        assertFalse(ResourceSampler.onThisMachine("jdbc:mysql://localhost.example.com/basehook"));
        assertFalse(ResourceSampler.onThisMachine("not a url"));
    }
}
