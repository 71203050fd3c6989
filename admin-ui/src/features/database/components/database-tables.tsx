import { Paper, Table, Text, Title } from '@mantine/core';
import { IconTable } from '@tabler/icons-react';
import { ListStatus } from '@/components/list-status';
import { useDatabase } from '../api/get-database';
import { formatRows } from '../lib/checks';

/** Every table with its row count; counting stops at the server's limit per table. */
export function DatabaseTables() {
  const database = useDatabase();
  const figures = database.data?.figures;
  const tables = figures?.tables ?? [];
  return (
    <Paper withBorder radius="md">
      <Title order={4} p="sm" pb={0}>
        Tables
      </Title>
      <ListStatus loading={database.isPending} empty={false} icon={<IconTable size={32} />}>
        No tables.
      </ListStatus>
      {tables.length > 0 && (
        <>
          <Table.ScrollContainer minWidth={320}>
            <Table verticalSpacing={4} highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Table</Table.Th>
                  <Table.Th style={{ textAlign: 'right' }}>Rows</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {tables.map((table) => (
                  <Table.Tr key={table.name} data-testid="table-row">
                    <Table.Td>
                      <Text size="sm" ff="monospace">
                        {table.name}
                      </Text>
                    </Table.Td>
                    <Table.Td style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>
                      <Text size="sm" title={table.capped ? 'counting stopped here' : undefined}>
                        {formatRows(table)}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Text size="xs" c="dimmed" p="sm">
            Rows are counted up to {figures?.row_count_limit.toLocaleString('en-US')} per table.
          </Text>
        </>
      )}
    </Paper>
  );
}
