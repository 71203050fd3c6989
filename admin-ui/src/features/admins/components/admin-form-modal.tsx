import { Alert, Button, Group, Modal, PasswordInput, Select, Stack, Switch, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { ApiError } from '@/lib/api-client';
import { useCreateAdmin } from '../api/create-admin';
import { useUpdateAdmin } from '../api/update-admin';
import { useRoleChoices } from '../api/get-roles';
import { changedFields, MIN_PASSWORD, roleOptions, validateAdminForm, type AdminFormValues } from '../lib/admin-form';
import { BUILT_IN_ROLES, type AdminAccount } from '../types';

const EMPTY: AdminFormValues = { email: '', name: '', role: 'admin', is_active: true, password: '' };

/** Create (admin = null) or edit an admin account. Client checks first, then the server's 422 on the fields. */
export function AdminFormModal({
  opened,
  admin,
  isSelf,
  onClose,
}: {
  opened: boolean;
  admin: AdminAccount | null;
  /** Editing your own account: you cannot deactivate yourself. */
  isSelf: boolean;
  onClose: () => void;
}) {
  const mode = admin ? 'edit' : 'create';
  const [values, setValues] = useState<AdminFormValues>(EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const create = useCreateAdmin();
  const update = useUpdateAdmin();
  const pending = create.isPending || update.isPending;
  const roles = useRoleChoices();
  const choices = roles.data?.roles ?? BUILT_IN_ROLES;

  // Each opening starts from the account edited (or an empty form).
  const [shown, setShown] = useState({ opened: false, admin });
  if (shown.opened !== opened || shown.admin !== admin) {
    setShown({ opened, admin });
    if (opened) {
      setValues(
        admin
          ? { email: admin.email, name: admin.name, role: admin.role, is_active: admin.is_active, password: '' }
          : EMPTY,
      );
      setErrors({});
      setFormError(null);
    }
  }

  const set = <K extends keyof AdminFormValues>(key: K, value: AdminFormValues[K]) => {
    setValues((current) => ({ ...current, [key]: value }));
    setErrors((current) => {
      if (!current[key]) {
        return current;
      }
      const { [key]: _gone, ...rest } = current;
      return rest;
    });
  };

  const showServerError = (error: Error) => {
    if (error instanceof ApiError && Object.keys(error.fields).length > 0) {
      setErrors(error.fields);
      setFormError(null);
    } else if (error instanceof ApiError && error.status === 409) {
      // "email already exists"
      setErrors({ email: error.message });
    } else {
      setFormError(error.message);
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setFormError(null);
    const problems = validateAdminForm(values, mode);
    setErrors(problems);
    if (Object.keys(problems).length > 0) {
      return;
    }
    if (!admin) {
      create.mutate(
        { email: values.email.trim(), name: values.name.trim(), role: values.role, password: values.password },
        {
          onSuccess: ({ admin: created }) => {
            notifications.show({ color: 'green', title: 'Admin created', message: created.email });
            onClose();
          },
          onError: showServerError,
        },
      );
      return;
    }
    const changes = changedFields(admin, values);
    if (Object.keys(changes).length === 0) {
      onClose();
      return;
    }
    update.mutate(
      { id: admin.id, ...changes },
      {
        onSuccess: ({ admin: updated }) => {
          notifications.show({ color: 'green', title: 'Admin updated', message: updated.email });
          onClose();
        },
        onError: showServerError,
      },
    );
  };

  const endsSessions =
    admin && (values.password !== '' || values.role !== admin.role || (admin.is_active && !values.is_active));

  return (
    <Modal
      opened={opened}
      onClose={pending ? () => {} : onClose}
      title={admin ? `Edit ${admin.email}` : 'New admin'}
      centered
    >
      <form onSubmit={submit} noValidate aria-label={admin ? 'Edit admin' : 'New admin'}>
        <Stack>
          {formError && (
            <Alert color="red" title="Could not save">
              {formError}
            </Alert>
          )}
          {admin ? (
            <TextInput label="Email" value={admin.email} readOnly disabled description="The email cannot be changed" />
          ) : (
            <TextInput
              label="Email"
              type="email"
              required
              autoComplete="off"
              value={values.email}
              onChange={(e) => set('email', e.currentTarget.value)}
              error={errors.email}
              data-autofocus
            />
          )}
          <TextInput
            label="Name"
            autoComplete="off"
            value={values.name}
            onChange={(e) => set('name', e.currentTarget.value)}
            error={errors.name}
            maxLength={200}
          />
          <Select
            label="Role"
            data={roleOptions(choices, values.role)}
            value={values.role}
            onChange={(value) => value && set('role', value)}
            allowDeselect={false}
            error={errors.role}
            description={choices.find((r) => r.name === values.role)?.description || undefined}
            comboboxProps={{ withinPortal: true }}
          />
          <PasswordInput
            label={admin ? 'New password' : 'Password'}
            required={!admin}
            autoComplete="new-password"
            value={values.password}
            onChange={(e) => set('password', e.currentTarget.value)}
            error={errors.password}
            description={admin ? 'Leave empty to keep the current password' : `At least ${MIN_PASSWORD} characters`}
          />
          {admin && (
            <Switch
              label="Active"
              description={isSelf ? 'You cannot deactivate yourself' : 'Inactive admins cannot sign in'}
              checked={values.is_active}
              disabled={isSelf}
              onChange={(e) => set('is_active', e.currentTarget.checked)}
              error={errors.is_active}
            />
          )}
          {endsSessions && (
            <Text size="sm" c="orange">
              Saving signs {isSelf ? 'you' : 'this admin'} out of {isSelf ? 'your' : 'their'} sessions
              {values.role !== admin.role ? ' (the new role applies at the next sign-in)' : ''}.
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} disabled={pending}>
              Cancel
            </Button>
            <Button type="submit" loading={pending}>
              {admin ? 'Save' : 'Create admin'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
