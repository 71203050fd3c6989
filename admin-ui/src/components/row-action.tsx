import { ActionIcon, Tooltip, type MantineColor } from '@mantine/core';
import type { ComponentType } from 'react';

/**
 * An icon button on a row: `tooltip` on hover, `label` (the tooltip unless given) as its accessible
 * name. With `href` it is a link (`download` names the file).
 */
export function RowAction({
  tooltip,
  label = tooltip,
  icon: Icon,
  color,
  small = false,
  loading,
  onClick,
  href,
  download,
}: {
  tooltip: string;
  label?: string;
  icon: ComponentType<{ size?: number }>;
  color?: MantineColor;
  /** The compact size of menus and popovers. */
  small?: boolean;
  loading?: boolean;
  onClick?: () => void;
  href?: string;
  download?: string;
}) {
  const common = { variant: 'subtle', color, size: small ? 'sm' : undefined, 'aria-label': label, loading, onClick };
  const icon = <Icon size={small ? 14 : 16} />;
  return (
    <Tooltip label={tooltip}>
      {href ? (
        <ActionIcon component="a" href={href} download={download} {...common}>
          {icon}
        </ActionIcon>
      ) : (
        <ActionIcon {...common}>{icon}</ActionIcon>
      )}
    </Tooltip>
  );
}
