import { useQuery } from '@tanstack/react-query';
import { api, ApiError } from '@/lib/api-client';
import { logKeys, type FilterParams } from '../types';

/** Filters the server has to judge (Java regexes, instants); level and search are always valid. */
export const needsValidation = (filters: FilterParams) =>
  Boolean(filters.regex || filters.exclude || filters.from || filters.to);

/**
 * The server's verdict on filters before a stream opens with them (a stream refused with 422 cannot say
 * why): a history page that ends at offset 0 reads nothing, so only the validation runs. Field → message,
 * empty when valid.
 */
export async function validateLogFilters(source: string, filters: FilterParams): Promise<Record<string, string>> {
  try {
    await api('/api/admin/logs', { query: { source, ...filters, limit: 1, before: '0' } });
    return {};
  } catch (error) {
    if (error instanceof ApiError && error.status === 422) {
      return Object.keys(error.fields).length > 0 ? error.fields : { regex: error.message };
    }
    // Anything else (the live file missing, a 404 source) is not about the filters.
    return {};
  }
}

/** Only the filters the server judges: a change of level or text asks nothing. */
export function useFilterValidation(source: string, filters: FilterParams) {
  const { regex, exclude, from, to } = filters;
  const judged = { regex, exclude, from, to };
  return useQuery({
    queryKey: logKeys.validation(source, judged),
    queryFn: () => validateLogFilters(source, judged),
    enabled: needsValidation(judged),
    staleTime: Infinity,
    retry: false,
  });
}
