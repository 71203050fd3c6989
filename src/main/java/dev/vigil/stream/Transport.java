package dev.vigil.stream;

enum Transport {

	SSE, WS;

	String tag() {
		return name().toLowerCase();
	}

}
