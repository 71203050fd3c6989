import { Grid, Stack, Text, Title } from '@mantine/core';
import { DatabaseChecks } from '@/features/database/components/database-checks';
import { DatabaseFigures } from '@/features/database/components/database-figures';
import { DatabaseTables } from '@/features/database/components/database-tables';

export function DatabaseRoute() {
  return (
    <Stack>
      <div>
        <Title order={2}>Database</Title>
        <Text size="sm" c="dimmed">
          The SQLite file, its tables, and maintenance that runs as background jobs.
        </Text>
      </div>
      <DatabaseFigures />
      <Grid>
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <DatabaseChecks />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <DatabaseTables />
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
