package dev.vigil.web;

import org.springframework.util.unit.DataSize;

/**
 * A path that takes a multipart file upload, declared as a bean by the module that serves
 * it. Multipart bodies are refused everywhere else (415); on such a path the body may be
 * up to {@code maxSize} and is parsed only by the handler, after authentication (no
 * filter reads its parameters).
 *
 * @param path the request path, exactly
 * @param maxSize the largest accepted body
 */
public record UploadRoute(String path, DataSize maxSize) {

	static boolean isMultipart(jakarta.servlet.http.HttpServletRequest request) {
		String type = request.getContentType();
		return type != null && type.regionMatches(true, 0, "multipart/", 0, 10);
	}

}
