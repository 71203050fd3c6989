import { Alert, Button, Checkbox, Group, Modal, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { ApiError } from '@/lib/api-client';
import { useCreateWebhook } from '../api/create-webhook';
import { useUpdateWebhook } from '../api/update-webhook';
import { fieldOfMessage, validateWebhookForm } from '../lib/webhook-form';
import {
  AUDIENCES,
  FORMATS,
  NOTIFICATION_TYPES,
  type NotificationType,
  type Webhook,
  type WebhookFormat,
  type WebhookInput,
} from '../types';

const EMPTY: WebhookInput = {
  name: '',
  url: '',
  types: [...NOTIFICATION_TYPES],
  audiences: AUDIENCES.map((a) => a.value),
  format: 'vigil',
};

/** Create (webhook = null) or edit an endpoint; `onCreated` gets the new endpoint and its one-time secret. */
export function WebhookFormModal({
  opened,
  webhook,
  onClose,
  onCreated,
}: {
  opened: boolean;
  webhook: Webhook | null;
  onClose: () => void;
  onCreated: (webhook: Webhook, secret: string) => void;
}) {
  const [values, setValues] = useState<WebhookInput>(EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const create = useCreateWebhook();
  const update = useUpdateWebhook();
  const pending = create.isPending || update.isPending;

  // Each opening starts from the endpoint edited (or an empty form).
  const [shown, setShown] = useState({ opened: false, webhook });
  if (shown.opened !== opened || shown.webhook !== webhook) {
    setShown({ opened, webhook });
    if (opened) {
      setValues(
        webhook
          ? {
              name: webhook.name,
              url: webhook.url,
              types: webhook.types,
              audiences: webhook.audiences,
              format: webhook.format,
            }
          : EMPTY,
      );
      setErrors({});
      setFormError(null);
    }
  }

  const set = <K extends keyof WebhookInput>(key: K, value: WebhookInput[K]) => {
    setValues((current) => ({ ...current, [key]: value }));
    setErrors(({ [key]: _gone, ...rest }) => rest);
  };

  const showServerError = (error: Error) => {
    const field = error instanceof ApiError && error.status === 400 ? fieldOfMessage(error.message) : null;
    if (field) {
      setErrors({ [field.field]: field.reason });
    } else {
      setFormError(error.message);
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setFormError(null);
    const problems = validateWebhookForm(values);
    setErrors(problems);
    if (Object.keys(problems).length > 0) {
      return;
    }
    const body = { ...values, name: values.name.trim(), url: values.url.trim() };
    if (!webhook) {
      create.mutate(body, {
        onSuccess: ({ webhook: created, secret }) => {
          onClose();
          onCreated(created, secret);
        },
        onError: showServerError,
      });
      return;
    }
    update.mutate(
      { id: webhook.id, ...body },
      {
        onSuccess: ({ webhook: updated }) => {
          notifications.show({ color: 'green', title: 'Webhook saved', message: updated.name });
          onClose();
        },
        onError: showServerError,
      },
    );
  };

  return (
    <Modal
      opened={opened}
      onClose={pending ? () => {} : onClose}
      title={webhook ? `Edit ${webhook.name}` : 'New webhook'}
      centered
      size="lg"
    >
      <form onSubmit={submit} noValidate aria-label={webhook ? 'Edit webhook' : 'New webhook'}>
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
          <TextInput
            label="URL"
            description="http or https; redirects are not followed"
            required
            autoComplete="off"
            placeholder="https://hooks.example.com/vigil"
            value={values.url}
            onChange={(e) => set('url', e.currentTarget.value)}
            error={errors.url}
          />
          <Checkbox.Group
            label="Notification types"
            value={values.types}
            onChange={(v) => set('types', v as NotificationType[])}
            error={errors.types}
          >
            <Group mt={4}>
              {NOTIFICATION_TYPES.map((type) => (
                <Checkbox key={type} value={type} label={type} />
              ))}
            </Group>
          </Checkbox.Group>
          <Checkbox.Group
            label="Audiences"
            description="Who the notification was sent to"
            value={values.audiences}
            onChange={(v) => set('audiences', v)}
            error={errors.audiences}
          >
            <Group mt={4}>
              {AUDIENCES.map((a) => (
                <Checkbox key={a.value} value={a.value} label={a.label} />
              ))}
            </Group>
          </Checkbox.Group>
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              Payload format
            </Text>
            <SegmentedControl
              aria-label="Payload format"
              value={values.format}
              onChange={(v) => set('format', v as WebhookFormat)}
              data={FORMATS}
            />
          </Stack>
          {!webhook && (
            <Text size="sm" c="dimmed">
              Vigil generates a signing secret and shows it once after saving.
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} disabled={pending}>
              Cancel
            </Button>
            <Button type="submit" loading={pending}>
              {webhook ? 'Save' : 'Create webhook'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
