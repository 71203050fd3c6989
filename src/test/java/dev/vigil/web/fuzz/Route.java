package dev.vigil.web.fuzz;

import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;

import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * One mapped pattern and method, with what the handler declares it reads. Discovered from
 * the handler mapping, so that a route added later is fuzzed without touching the tests.
 */
record Route(String method, String pattern, List<Param> pathVariables, List<Param> queryParameters, Type body) {

	record Param(String name, Class<?> type) {
	}

	/** Every route the application maps, in a stable order. */
	static List<Route> discover(RequestMappingHandlerMapping mapping) {
		List<Route> routes = new ArrayList<>();
		DefaultParameterNameDiscoverer names = new DefaultParameterNameDiscoverer();
		mapping.getHandlerMethods().forEach((info, handler) -> {
			List<Param> path = new ArrayList<>();
			List<Param> query = new ArrayList<>();
			Type body = null;
			for (MethodParameter parameter : handler.getMethodParameters()) {
				parameter.initParameterNameDiscovery(names);
				PathVariable variable = parameter.getParameterAnnotation(PathVariable.class);
				RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
				if (variable != null) {
					path.add(new Param(name(variable.name(), variable.value(), parameter),
							parameter.getParameterType()));
				}
				else if (param != null) {
					query.add(new Param(name(param.name(), param.value(), parameter), parameter.getParameterType()));
				}
				else if (parameter.hasParameterAnnotation(RequestBody.class)) {
					body = parameter.getGenericParameterType();
				}
			}
			var declared = info.getMethodsCondition().getMethods();
			List<String> methods = declared.isEmpty() ? List.of("GET", "POST", "PUT", "DELETE")
					: declared.stream().map(RequestMethod::name).sorted().toList();
			for (String pattern : info.getPatternValues()) {
				for (String method : methods) {
					routes.add(new Route(method, pattern, path, query, body));
				}
			}
		});
		routes.sort((a, b) -> (a.pattern() + " " + a.method()).compareTo(b.pattern() + " " + b.method()));
		return routes;
	}

	private static String name(String name, String value, MethodParameter parameter) {
		return !name.isEmpty() ? name : !value.isEmpty() ? value : parameter.getParameterName();
	}

}
