import { Alert, Button, Code, Loader, Text } from '@mantine/core';
import { useState } from 'react';
import { useJob } from '../api/get-job';

/** A failed job's stack trace, fetched when asked for (it can be long). */
export function JobStackTrace({ id }: { id: string }) {
  const [shown, setShown] = useState(false);
  const job = useJob(id, shown);
  if (!shown) {
    return (
      <Button size="xs" variant="subtle" onClick={() => setShown(true)} style={{ alignSelf: 'flex-start' }}>
        Show stack trace
      </Button>
    );
  }
  if (job.isPending) return <Loader size="sm" />;
  if (job.isError) {
    return (
      <Alert color="red" title="Could not load the stack trace">
        {job.error.message}
      </Alert>
    );
  }
  const failure = job.data.failure;
  if (!failure) {
    return (
      <Text size="sm" c="dimmed">
        No failure recorded.
      </Text>
    );
  }
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600} mb={4}>
        Stack trace
      </Text>
      <Code block data-testid="job-stack-trace" style={{ whiteSpace: 'pre', maxHeight: 360, overflow: 'auto' }}>
        {failure.stack_trace || `${failure.type}: ${failure.message}`}
      </Code>
    </div>
  );
}
