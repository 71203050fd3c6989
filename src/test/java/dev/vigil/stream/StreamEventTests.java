package dev.vigil.stream;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StreamEventTests {

	@Test
	void unpairedSurrogatesAreReplacedAndPairsKept() {
		String text = "{\"t\":\"a\uD800b\uDC00c\uD83D\uDE00d\uDE00\uD83D\"}";
		StreamEvent event = StreamEvent.of("x", text);
		String expected = "{\"t\":\"a\uFFFDb\uFFFDc\uD83D\uDE00d\uFFFD\uFFFD\"}";
		assertThat(event.frame()).isEqualTo(expected);
		assertThat(event.data()).isEqualTo(expected);
		assertThat(new String(event.sseFrame(), StandardCharsets.UTF_8)).contains("data: " + expected + "\n");
	}

	@Test
	void wellFormedTextIsTheSameInstance() {
		String text = "{\"t\":\"caf\u00e9 \uD83D\uDE00\"}";
		assertThat(StreamEvent.of("x", "1", "data", text).frame()).isSameAs(text);
	}

}
