package io.basehook.benchmark;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

    @Test
    void severalInstancesCountAsOneTheirCpuSummedTheirRssTheLargest() throws Exception {
        long self = ProcessHandle.current().pid();
        Process sleeper = new ProcessBuilder("sleep", "30").start();
        long child = sleeper.pid();
        try {
            long selfTicks = ResourceSampler.summedCpuTicks(List.of(self));
            long bothTicks = ResourceSampler.summedCpuTicks(List.of(self, child));
            assertTrue(selfTicks > 0, "this JVM has used CPU: " + selfTicks);
            assertTrue(bothTicks >= selfTicks, bothTicks + " < " + selfTicks);

            long sleeperRss = ResourceSampler.largestRssKb(List.of(child));
            assertTrue(sleeperRss > 0);
            assertTrue(ResourceSampler.largestRssKb(List.of(child, self)) > sleeperRss, "a JVM is larger than sleep");
        } finally {
            sleeper.destroy();
            sleeper.waitFor();
        }
        // an instance that cannot be read makes the sum unknown, not smaller
        assertEquals(-1, ResourceSampler.summedCpuTicks(List.of(self, child)));
        assertEquals(-1, ResourceSampler.summedCpuTicks(List.of()));
        assertEquals(-1, ResourceSampler.largestRssKb(List.of(child)));
    }
}
