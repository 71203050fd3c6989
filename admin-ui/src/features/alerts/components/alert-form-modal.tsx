import {
  Alert,
  Button,
  Group,
  Modal,
  MultiSelect,
  NumberInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { ApiError } from '@/lib/api-client';
import { adminLabel, useAdminOptions } from '@/lib/admin-options';
import { useCreateAlertRule } from '../api/create-alert-rule';
import { useLogSources } from '../api/get-log-sources';
import { useUpdateAlertRule } from '../api/update-alert-rule';
import {
  COOLDOWNS,
  durationOptions,
  EMPTY_FORM,
  FIELD_OF,
  FOR_DURATIONS,
  formFromRule,
  toInput,
  validateAlertForm,
  WINDOWS,
  type AlertFormValues,
} from '../lib/alert-form';
import { useRoles } from '../api/get-roles';
import { LEVELS, ROLES, roleOption, type AlertRule, type Role } from '../types';

/** Create (rule = null, optionally prefilled from the viewer's filter) or edit a rule. */
export function AlertFormModal({
  opened,
  rule,
  prefill,
  onClose,
}: {
  opened: boolean;
  rule: AlertRule | null;
  prefill: AlertFormValues | null;
  onClose: () => void;
}) {
  const [values, setValues] = useState<AlertFormValues>(EMPTY_FORM);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const create = useCreateAlertRule();
  const update = useUpdateAlertRule();
  const sources = useLogSources();
  const roles = useRoles();
  const admins = useAdminOptions(opened);
  const pending = create.isPending || update.isPending;

  // Each opening starts from the rule edited, the viewer's filter, or an empty form.
  const [shown, setShown] = useState({ opened: false, rule, prefill });
  if (shown.opened !== opened || shown.rule !== rule || shown.prefill !== prefill) {
    setShown({ opened, rule, prefill });
    if (opened) {
      setValues(rule ? formFromRule(rule) : (prefill ?? EMPTY_FORM));
      setErrors({});
      setFormError(null);
    }
  }

  const set = <K extends keyof AlertFormValues>(key: K, value: AlertFormValues[K]) => {
    setValues((current) => ({ ...current, [key]: value }));
    setErrors(({ [key]: _gone, ...rest }) => rest);
  };

  const showServerError = (error: Error) => {
    if (error instanceof ApiError && Object.keys(error.fields).length > 0) {
      setErrors(Object.fromEntries(Object.entries(error.fields).map(([k, v]) => [FIELD_OF[k] ?? k, v])));
    } else {
      setFormError(error.message);
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setFormError(null);
    const problems = validateAlertForm(values);
    setErrors(problems);
    if (Object.keys(problems).length > 0) return;
    const body = toInput(values);
    const done = (name: string) => {
      notifications.show({ color: 'green', title: rule ? 'Alert rule saved' : 'Alert rule created', message: name });
      onClose();
    };
    if (rule) {
      update.mutate({ id: rule.id, ...body }, { onSuccess: (r) => done(r.rule.name), onError: showServerError });
    } else {
      create.mutate(body, { onSuccess: (r) => done(r.rule.name), onError: showServerError });
    }
  };

  const sourceNames = sources.data ?? ['vigil'];
  const sourceOptions = sourceNames.includes(values.source) ? sourceNames : [...sourceNames, values.source];
  // Without scope admin:admins the list is refused (403): ids are typed instead.
  const adminChoices = admins.data?.map((a) => ({ value: String(a.id), label: adminLabel(a) }));

  return (
    <Modal
      opened={opened}
      onClose={pending ? () => {} : onClose}
      title={rule ? `Edit ${rule.name}` : 'New alert rule'}
      centered
      size="lg"
    >
      <form onSubmit={submit} noValidate aria-label={rule ? 'Edit alert rule' : 'New alert rule'}>
        <Stack>
          {formError && (
            <Alert color="red" title="Could not save">
              {formError}
            </Alert>
          )}
          <TextInput
            label="Name"
            required
            autoComplete="off"
            value={values.name}
            onChange={(e) => set('name', e.currentTarget.value)}
            error={errors.name}
            maxLength={100}
            data-autofocus
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label="Source"
              required
              allowDeselect={false}
              data={sourceOptions}
              value={values.source}
              onChange={(v) => set('source', v ?? 'vigil')}
              error={errors.source}
            />
            <MultiSelect
              label="Levels"
              description="None chosen: any level"
              data={[...LEVELS]}
              value={values.levels}
              onChange={(v) => set('levels', v)}
              error={errors.levels}
            />
          </SimpleGrid>
          <TextInput
            label="Pattern"
            description="Case-insensitive regular expression (Java syntax) the entry's text must contain; empty for any"
            ff="monospace"
            autoComplete="off"
            value={values.pattern}
            onChange={(e) => set('pattern', e.currentTarget.value)}
            error={errors.pattern}
          />
          <TextInput
            label="Exclude"
            description="Entries matching this regular expression never count"
            autoComplete="off"
            value={values.exclude}
            onChange={(e) => set('exclude', e.currentTarget.value)}
            error={errors.exclude}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NumberInput
              label="Threshold"
              description="Matching entries in the window"
              min={1}
              allowDecimal={false}
              value={values.threshold}
              onChange={(v) => set('threshold', v)}
              error={errors.threshold}
            />
            <Select
              label="Window"
              allowDeselect={false}
              data={durationOptions(WINDOWS, values.window)}
              value={values.window}
              onChange={(v) => set('window', v ?? '60')}
              error={errors.window}
            />
            <Select
              label="For"
              description="How long it must hold before firing"
              allowDeselect={false}
              data={durationOptions(FOR_DURATIONS, values.forSeconds, 'immediately')}
              value={values.forSeconds}
              onChange={(v) => set('forSeconds', v ?? '0')}
              error={errors.forSeconds}
            />
            <Select
              label="Cool-down"
              description="Least time between two notifications"
              allowDeselect={false}
              data={durationOptions(COOLDOWNS, values.cooldown)}
              value={values.cooldown}
              onChange={(v) => set('cooldown', v ?? '0')}
              error={errors.cooldown}
            />
          </SimpleGrid>
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              Notify
            </Text>
            <SegmentedControl
              aria-label="Recipients"
              value={values.recipients}
              onChange={(v) => set('recipients', v as AlertFormValues['recipients'])}
              data={[
                { value: 'role', label: 'A role' },
                { value: 'admins', label: 'Chosen admins' },
              ]}
            />
          </Stack>
          {values.recipients === 'role' ? (
            <Select
              label="Role"
              allowDeselect={false}
              data={(roles.data ?? ROLES).map(roleOption)}
              value={values.role}
              onChange={(v) => set('role', (v ?? 'admin') as Role)}
              error={errors.role}
            />
          ) : adminChoices ? (
            <MultiSelect
              label="Admins"
              searchable
              data={adminChoices}
              value={values.adminIds}
              onChange={(v) => set('adminIds', v)}
              error={errors.recipient_admin_ids}
            />
          ) : (
            <TextInput
              label="Admin ids"
              description="Comma-separated"
              value={values.adminIds.join(',')}
              onChange={(e) =>
                set(
                  'adminIds',
                  e.currentTarget.value
                    .split(',')
                    .map((s) => s.trim())
                    .filter((s) => s !== ''),
                )
              }
              error={errors.recipient_admin_ids}
            />
          )}
          <Switch label="Enabled" checked={values.enabled} onChange={(e) => set('enabled', e.currentTarget.checked)} />
          <Text size="xs" c="dimmed">
            Fires when the window holds at least the threshold for the chosen time; further windows while it fires are
            grouped, and it recovers after a whole window under the threshold. Notifications are of type error
            (recovered: success), so email and webhooks that take those types get them too.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} disabled={pending}>
              Cancel
            </Button>
            <Button type="submit" loading={pending}>
              {rule ? 'Save' : 'Create rule'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
