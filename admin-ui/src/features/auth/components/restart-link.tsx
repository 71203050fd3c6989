import { Anchor, Group } from '@mantine/core';

/** "Start over" under a second step: back to the password (the pending sign-in may be void). */
export function RestartLink({ onRestart }: { onRestart: () => void }) {
  return (
    <Group justify="center">
      <Anchor component="button" type="button" size="sm" c="dimmed" onClick={onRestart}>
        Start over
      </Anchor>
    </Group>
  );
}
