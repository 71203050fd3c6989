package dev.vigil.stream;

import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class StreamJsonTests {

	private final StreamJson json = new StreamJson(JsonMapper.builder().build());

	@Test
	void unpairedSurrogatesAreReplacedAndPairsKept() {
		String text = "a\uD800b\uDC00c\uD83D\uDE00d\uDE00\uD83D";
		assertThat(this.json.write(Map.of("t", text)))
			.isEqualTo("{\"t\":\"a\uFFFDb\uFFFDc\uD83D\uDE00d\uFFFD\uFFFD\"}");
		assertThat(this.json.object("t", "caf\u00e9 \uD83D\uDE00")).isEqualTo("{\"t\":\"caf\u00e9 \uD83D\uDE00\"}");
	}

}
