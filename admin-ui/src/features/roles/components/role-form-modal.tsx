import {
  Alert,
  Button,
  Checkbox,
  Group,
  Modal,
  MultiSelect,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { ApiError } from '@/lib/api-client';
import { useCreateRole } from '../api/create-role';
import { useLogSources } from '../api/get-log-sources';
import { useRoleScopes } from '../api/get-role-scopes';
import { useUpdateRole } from '../api/update-role';
import {
  EMPTY_ROLE,
  formValues,
  roleInput,
  scopesByArea,
  validateRoleForm,
  type RoleFormValues,
} from '../lib/role-form';
import type { RoleDefinition } from '../types';

/** Create (role = null) or edit a role: scopes grouped by area, and the log sources it may read. */
export function RoleFormModal({
  opened,
  role,
  onClose,
}: {
  opened: boolean;
  role: RoleDefinition | null;
  onClose: () => void;
}) {
  const mode = role ? 'edit' : 'create';
  const scopes = useRoleScopes();
  const sources = useLogSources();
  const create = useCreateRole();
  const update = useUpdateRole();
  const pending = create.isPending || update.isPending;
  const [values, setValues] = useState<RoleFormValues>(EMPTY_ROLE);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);

  // Each opening starts from the role edited (or an empty form).
  const [shown, setShown] = useState({ opened: false, role });
  if (shown.opened !== opened || shown.role !== role) {
    setShown({ opened, role });
    if (opened) {
      setValues(role ? formValues(role) : EMPTY_ROLE);
      setErrors({});
      setFormError(null);
    }
  }

  const set = <K extends keyof RoleFormValues>(key: K, value: RoleFormValues[K]) => {
    setValues((current) => ({ ...current, [key]: value }));
    const field = key === 'logSources' || key === 'limitSources' ? 'log_sources' : key;
    setErrors(({ [field]: _gone, ...rest }) => rest);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problems = validateRoleForm(values, mode);
    setErrors(problems);
    setFormError(null);
    if (Object.keys(problems).length > 0) return;
    const handlers = {
      onSuccess: () => {
        notifications.show({
          color: 'green',
          title: mode === 'create' ? 'Role created' : 'Role saved',
          message: values.name,
        });
        onClose();
      },
      onError: (error: Error) => {
        if (error instanceof ApiError && Object.keys(error.fields).length > 0) {
          setErrors(error.fields);
        } else {
          setFormError(error.message);
        }
      },
    };
    if (mode === 'create') {
      create.mutate(roleInput(values), handlers);
    } else {
      update.mutate(roleInput(values), handlers);
    }
  };

  const sourceNames = [...new Set([...(sources.data?.sources ?? []).map((s) => s.name), ...values.logSources])];

  return (
    <Modal
      opened={opened}
      onClose={pending ? () => {} : onClose}
      title={role ? `Edit role ${role.name}` : 'New role'}
      centered
      size="lg"
    >
      <form onSubmit={submit} noValidate aria-label={role ? 'Edit role' : 'New role'}>
        <Stack>
          {formError && (
            <Alert color="red" title="Could not save the role">
              {formError}
            </Alert>
          )}
          {mode === 'create' && (
            <TextInput
              label="Name"
              description="Lower-case letters, digits, '_' or '-'; it cannot be changed later"
              required
              maxLength={32}
              value={values.name}
              onChange={(e) => set('name', e.currentTarget.value)}
              error={errors.name}
              data-autofocus
            />
          )}
          <TextInput
            label="Description"
            maxLength={200}
            value={values.description}
            onChange={(e) => set('description', e.currentTarget.value)}
            error={errors.description}
          />
          <Checkbox.Group
            label="Scopes"
            description="What admins with this role may do; the dashboard, their profile and notifications need none"
            value={values.scopes}
            onChange={(value) => set('scopes', value)}
            error={errors.scopes}
          >
            <SimpleGrid cols={{ base: 1, sm: 2 }} mt="xs" spacing="md">
              {scopesByArea(scopes.data?.scopes ?? []).map((group) => (
                <Stack key={group.area} gap={6} role="group" aria-label={group.area}>
                  <Text size="sm" fw={600}>
                    {group.area}
                  </Text>
                  {group.scopes.map((scope) => (
                    <Checkbox key={scope.id} value={scope.id} label={scope.label} description={scope.id} />
                  ))}
                </Stack>
              ))}
            </SimpleGrid>
          </Checkbox.Group>
          <Switch
            label="Only some log sources"
            description="Off: every source the scopes allow"
            checked={values.limitSources}
            onChange={(e) => set('limitSources', e.currentTarget.checked)}
          />
          {values.limitSources && (
            <MultiSelect
              label="Log sources"
              placeholder="Choose sources"
              data={sourceNames}
              value={values.logSources}
              onChange={(value) => set('logSources', value)}
              error={errors.log_sources}
              searchable
              comboboxProps={{ withinPortal: true }}
            />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} disabled={pending}>
              Cancel
            </Button>
            <Button type="submit" loading={pending}>
              {mode === 'create' ? 'Create role' : 'Save role'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
