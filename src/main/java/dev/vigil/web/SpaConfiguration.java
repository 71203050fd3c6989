package dev.vigil.web;

import java.io.IOException;
import java.time.Duration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.PathResourceResolver;

/**
 * Serves the admin SPA (built from {@code admin-ui/} into {@code static/admin/}) at
 * {@code /admin/}. The SPA routes on the client, so a deep link such as
 * {@code /admin/logs} must return {@code index.html}; a missing file with an extension is
 * a real 404 (a stale hashed asset must not come back as HTML). Hashed assets never
 * change, so browsers keep them for a year; {@code index.html} is revalidated every time
 * so that a deploy is picked up at once.
 */
@Configuration(proxyBeanMethods = false)
class SpaConfiguration implements WebMvcConfigurer {

	static final String LOCATION = "classpath:/static/admin/";

	/**
	 * Mantine injects its CSS variables in a {@code <style>} element, hence
	 * {@code 'unsafe-inline'} for styles only; scripts come from our own origin alone.
	 * {@code connect-src 'self'} also covers same-origin {@code ws:}/{@code wss:} in CSP
	 * Level 3 browsers (the notification and log streams).
	 */
	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
			+ "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; "
			+ "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

	@Override
	public void addViewControllers(ViewControllerRegistry registry) {
		registry.addRedirectViewController("/", "/admin/");
		registry.addRedirectViewController("/admin", "/admin/");
		// The resource handler refuses an empty path, so the SPA root is forwarded to its
		// index explicitly.
		registry.addViewController("/admin/").setViewName("forward:/admin/index.html");
	}

	@Override
	public void addResourceHandlers(ResourceHandlerRegistry registry) {
		// Vite puts content-hashed file names under assets/: a changed file gets a new
		// name.
		registry.addResourceHandler("/admin/assets/**")
			.addResourceLocations(LOCATION + "assets/")
			.setCacheControl(CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable());
		registry.addResourceHandler("/admin/**")
			.addResourceLocations(LOCATION)
			.setCacheControl(CacheControl.noCache())
			.resourceChain(false)
			.addResolver(new SpaFallbackResolver());
	}

	@Bean
	FilterRegistrationBean<SpaHeadersFilter> spaHeadersFilter() {
		FilterRegistrationBean<SpaHeadersFilter> registration = new FilterRegistrationBean<>(new SpaHeadersFilter());
		registration.addUrlPatterns("/admin", "/admin/*");
		return registration;
	}

	/**
	 * Existing files as they are; extensionless paths (client-side routes) fall back to
	 * index.html.
	 */
	static final class SpaFallbackResolver extends PathResourceResolver {

		@Override
		protected @Nullable Resource getResource(String resourcePath, Resource location) throws IOException {
			Resource resource = super.getResource(resourcePath, location);
			if (resource != null) {
				return resource;
			}
			String lastSegment = resourcePath.substring(resourcePath.lastIndexOf('/') + 1);
			return lastSegment.contains(".") ? null : super.getResource("index.html", location);
		}

	}

	/**
	 * The CSP applies to the SPA only: API responses are JSON, and the API docs UI has
	 * its own needs.
	 */
	static final class SpaHeadersFilter extends OncePerRequestFilter {

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
			chain.doFilter(request, response);
		}

	}

}
