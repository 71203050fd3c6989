import { Alert, Badge, Button, Group, Paper, Table, Text, ThemeIcon, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconLock, IconPencil, IconPlus, IconShieldLock, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { ConfirmModal } from '@/components/confirm-modal';
import { ListStatus } from '@/components/list-status';
import { RowAction } from '@/components/row-action';
import { useDeleteRole } from '../api/delete-role';
import { useRoles } from '../api/get-roles';
import { sourcesSummary } from '../lib/role-form';
import type { RoleDefinition } from '../types';
import { RoleFormModal } from './role-form-modal';

function RoleRow({ role, onEdit, onDelete }: { role: RoleDefinition; onEdit: () => void; onDelete: () => void }) {
  return (
    <Table.Tr data-testid="role-row">
      <Table.Td>
        <Group gap={6} wrap="nowrap">
          <Text size="sm" fw={500}>
            {role.name}
          </Text>
          {role.builtin && (
            <Badge size="xs" variant="outline" color="gray">
              built-in
            </Badge>
          )}
        </Group>
        <Text size="xs" c="dimmed">
          {role.description}
        </Text>
      </Table.Td>
      <Table.Td>
        <Group gap={4}>
          {role.scopes.map((scope) => (
            <Badge key={scope} variant="light" size="sm" tt="none">
              {scope}
            </Badge>
          ))}
          {role.scopes.length === 0 && (
            <Text size="sm" c="dimmed">
              none
            </Text>
          )}
        </Group>
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        <Text size="sm">{sourcesSummary(role)}</Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{role.admins}</Text>
      </Table.Td>
      <Table.Td>
        <Group gap={4} justify="flex-end" wrap="nowrap">
          {role.locked ? (
            <Tooltip label="Always every scope: cannot be changed">
              <ThemeIcon variant="subtle" color="gray" aria-label={`${role.name} cannot be changed`}>
                <IconLock size={16} />
              </ThemeIcon>
            </Tooltip>
          ) : (
            <RowAction tooltip="Edit" label={`Edit ${role.name}`} icon={IconPencil} onClick={onEdit} />
          )}
          {!role.builtin && (
            <RowAction tooltip="Delete" label={`Delete ${role.name}`} icon={IconTrash} color="red" onClick={onDelete} />
          )}
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

export function NewRoleButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button leftSection={<IconPlus size={16} />} onClick={() => setOpen(true)}>
        New role
      </Button>
      <RoleFormModal opened={open} role={null} onClose={() => setOpen(false)} />
    </>
  );
}

/** Every role with its scopes, log sources and how many admins have it; edit and delete (with confirmation). */
export function RolesManager() {
  const roles = useRoles();
  const remove = useDeleteRole();
  const [editing, setEditing] = useState<RoleDefinition | null>(null);
  const [doomed, setDoomed] = useState<RoleDefinition | null>(null);
  const list = roles.data?.roles ?? [];

  const confirmDelete = () => {
    if (!doomed) return;
    remove.mutate(doomed.name, {
      onSuccess: () => {
        notifications.show({ color: 'green', title: 'Role deleted', message: doomed.name });
        setDoomed(null);
      },
      onError: () => setDoomed(null),
    });
  };

  return (
    <Paper withBorder radius="md">
      {roles.isError && (
        <Alert color="red" m="sm" title="Could not load roles">
          {roles.error.message}
        </Alert>
      )}
      <ListStatus
        loading={roles.isPending}
        empty={roles.isSuccess && list.length === 0}
        icon={<IconShieldLock size={32} />}
      >
        No roles.
      </ListStatus>
      {list.length > 0 && (
        <Table.ScrollContainer minWidth={800}>
          <Table verticalSpacing="xs" highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Role</Table.Th>
                <Table.Th>Scopes</Table.Th>
                <Table.Th style={{ whiteSpace: 'nowrap' }}>Log sources</Table.Th>
                <Table.Th>Admins</Table.Th>
                <Table.Th style={{ textAlign: 'right' }}>Actions</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((role) => (
                <RoleRow key={role.name} role={role} onEdit={() => setEditing(role)} onDelete={() => setDoomed(role)} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <RoleFormModal opened={editing !== null} role={editing} onClose={() => setEditing(null)} />
      <ConfirmModal
        opened={doomed !== null}
        title="Delete role?"
        confirmLabel="Delete role"
        loading={remove.isPending}
        onConfirm={confirmDelete}
        onClose={() => setDoomed(null)}
      >
        Delete the role <b>{doomed?.name}</b>? A role that admins still have cannot be deleted: give them another role
        first.
      </ConfirmModal>
    </Paper>
  );
}
