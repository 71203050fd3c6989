import { useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';

/**
 * A mutation that changes what `changes` lists: those queries are refetched once it is done, after a
 * failure too (a 404 or 409 usually means the list on screen is out of date). `inlineErrors`: the form
 * shows the error itself instead of the red toast.
 */
export function useChangingMutation<TData, TVariables = void>(
  mutationFn: (variables: TVariables) => Promise<TData>,
  changes: QueryKey,
  { inlineErrors = false }: { inlineErrors?: boolean } = {},
) {
  const client = useQueryClient();
  return useMutation({
    mutationFn,
    meta: { inlineErrors },
    onSettled: () => client.invalidateQueries({ queryKey: changes }),
  });
}
