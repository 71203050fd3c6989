import { ActionIcon, Table } from '@mantine/core';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';

/** The first cell of a row that opens to show more below it (a job's details, a task's runs). */
export function ExpandCell({ expanded, onToggle, what }: { expanded: boolean; onToggle: () => void; what: string }) {
  return (
    <Table.Td w={40}>
      <ActionIcon
        variant="subtle"
        color="gray"
        onClick={onToggle}
        aria-expanded={expanded}
        aria-label={expanded ? `Hide ${what}` : `Show ${what}`}
      >
        {expanded ? <IconChevronDown size={16} /> : <IconChevronRight size={16} />}
      </ActionIcon>
    </Table.Td>
  );
}
