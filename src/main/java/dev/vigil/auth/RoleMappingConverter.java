package dev.vigil.auth;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.core.convert.converter.Converter;
import org.springframework.stereotype.Component;

/**
 * Reads {@code vigil.sso.role-mapping} given as one string, as an environment variable
 * can only give it: {@code group=role} pairs separated by commas (the last {@code =} of a
 * pair splits it, so a group name may contain one). A pair without a role maps to an
 * empty role name, which the check at start reports.
 */
@Component
@ConfigurationPropertiesBinding
class RoleMappingConverter implements Converter<String, Map<String, String>> {

	@Override
	public Map<String, String> convert(String source) {
		Map<String, String> mapping = new LinkedHashMap<>();
		for (String pair : source.split(",")) {
			if (pair.isBlank()) {
				continue;
			}
			int equals = pair.lastIndexOf('=');
			if (equals > 0) {
				mapping.put(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
			}
			else {
				mapping.put(pair.trim(), "");
			}
		}
		return mapping;
	}

}
