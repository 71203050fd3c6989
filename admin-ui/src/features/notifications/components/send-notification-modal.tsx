import {
  Alert,
  Button,
  Group,
  Modal,
  NumberInput,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { notifications as toasts } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { adminLabel, useAdminOptions } from '@/lib/admin-options';
import { ApiError } from '@/lib/api-client';
import { useSendNotification, type SendNotificationInput } from '../api/send-notification';
import { isSafeLink } from '../lib/safe-link';
import { NOTIFICATION_TYPES, type NotificationType } from '../types';

type Recipient = 'one' | 'all';
type Field = 'admin' | 'type' | 'title' | 'message' | 'link';

const MAX_TITLE = 200;
const MAX_MESSAGE = 4000;

/** Server field (ProblemDetail `fields`) → form field. */
const SERVER_FIELDS: Record<string, Field> = {
  admin_id: 'admin',
  all: 'admin',
  type: 'type',
  title: 'title',
  message: 'message',
  data: 'link',
};

const EMPTY = {
  recipient: 'one' as Recipient,
  adminId: '' as string,
  type: 'info' as NotificationType,
  title: '',
  message: '',
  link: '',
};

/** "Send notification" (scope admin:notifications): to one admin or to every active admin. */
export function SendNotificationModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const [form, setForm] = useState(EMPTY);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const admins = useAdminOptions(opened);
  const send = useSendNotification();
  // Without scope admin:admins the list is refused (403): the id is typed instead.
  const canPick = !admins.isError;

  const set = <K extends keyof typeof EMPTY>(key: K, value: (typeof EMPTY)[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    const field = (key === 'adminId' || key === 'recipient' ? 'admin' : key) as Field;
    setErrors((e) => ({ ...e, [field]: undefined }));
  };

  const close = () => {
    send.reset();
    setErrors({});
    setForm(EMPTY);
    onClose();
  };

  const validate = (): Partial<Record<Field, string>> => {
    const found: Partial<Record<Field, string>> = {};
    if (form.recipient === 'one' && !/^\d+$/.test(form.adminId)) {
      found.admin = canPick ? 'Pick an admin' : 'Enter an admin id';
    }
    if (!form.title.trim()) found.title = 'Title is required';
    else if (form.title.trim().length > MAX_TITLE) found.title = `At most ${MAX_TITLE} characters`;
    if (form.message.length > MAX_MESSAGE) found.message = `At most ${MAX_MESSAGE} characters`;
    if (form.link.trim() && !isSafeLink(form.link)) found.link = 'An http(s) URL or a path starting with /';
    return found;
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = validate();
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const input: SendNotificationInput = {
      ...(form.recipient === 'all' ? { all: true } : { admin_id: Number(form.adminId) }),
      type: form.type,
      title: form.title.trim(),
      message: form.message.trim() || undefined,
      data: form.link.trim() ? { link: form.link.trim() } : undefined,
    };
    send.mutate(input, {
      onSuccess: (result) => {
        toasts.show({
          color: 'green',
          title: 'Notification sent',
          message: result.sent === 1 ? 'Sent to 1 admin.' : `Sent to ${result.sent} admins.`,
        });
        close();
      },
      onError: (error) => {
        if (error instanceof ApiError && Object.keys(error.fields).length > 0) {
          const mapped: Partial<Record<Field, string>> = {};
          for (const [key, message] of Object.entries(error.fields)) {
            mapped[SERVER_FIELDS[key] ?? 'title'] = message;
          }
          setErrors(mapped);
        }
      },
    });
  };

  const fieldErrorShown = send.error instanceof ApiError && Object.keys(send.error.fields).length > 0;

  return (
    <Modal opened={opened} onClose={close} title="Send notification" centered size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <div>
            <Text size="sm" fw={500} mb={4} id="send-recipient-label">
              Recipient
            </Text>
            <SegmentedControl
              aria-labelledby="send-recipient-label"
              value={form.recipient}
              onChange={(value) => set('recipient', value as Recipient)}
              data={[
                { value: 'one', label: 'One admin' },
                { value: 'all', label: 'All admins' },
              ]}
            />
          </div>
          {form.recipient === 'one' &&
            (canPick ? (
              <Select
                label="Admin"
                placeholder={admins.isPending ? 'Loading admins…' : 'Pick an admin'}
                searchable
                required
                nothingFoundMessage="No admin matches"
                data={(admins.data ?? [])
                  .filter((a) => a.is_active)
                  .map((a) => ({ value: String(a.id), label: adminLabel(a) }))}
                value={form.adminId || null}
                onChange={(value) => set('adminId', value ?? '')}
                error={errors.admin}
              />
            ) : (
              <NumberInput
                label="Admin ID"
                description="You may not list admins: enter the recipient's id."
                required
                min={1}
                allowDecimal={false}
                allowNegative={false}
                value={form.adminId === '' ? '' : Number(form.adminId)}
                onChange={(value) => set('adminId', value === '' ? '' : String(value))}
                error={errors.admin}
              />
            ))}
          {form.recipient === 'all' && errors.admin && (
            <Text c="red" size="sm">
              {errors.admin}
            </Text>
          )}
          <Select
            label="Type"
            required
            allowDeselect={false}
            data={NOTIFICATION_TYPES.map((t) => ({ value: t, label: t[0].toUpperCase() + t.slice(1) }))}
            value={form.type}
            onChange={(value) => value && set('type', value as NotificationType)}
            error={errors.type}
          />
          <TextInput
            label="Title"
            required
            maxLength={MAX_TITLE}
            value={form.title}
            onChange={(e) => set('title', e.currentTarget.value)}
            error={errors.title}
          />
          <Textarea
            label="Message"
            autosize
            minRows={3}
            maxRows={8}
            maxLength={MAX_MESSAGE}
            value={form.message}
            onChange={(e) => set('message', e.currentTarget.value)}
            error={errors.message}
          />
          <TextInput
            label="Link"
            description="Optional: an http(s) URL or a path such as /admin/jobs"
            placeholder="https://…"
            value={form.link}
            onChange={(e) => set('link', e.currentTarget.value)}
            error={errors.link}
          />
          {send.isError && !fieldErrorShown && (
            <Alert color="red" title="Could not send">
              {send.error.message}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close} disabled={send.isPending}>
              Cancel
            </Button>
            <Button type="submit" loading={send.isPending}>
              Send
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
