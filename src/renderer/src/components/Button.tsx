import type { ButtonHTMLAttributes } from 'react'

type Variant = 'default' | 'primary' | 'danger' | 'danger-solid' | 'ghost'

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: Variant
  small?: boolean
}

const VARIANT_CLASS: Record<Variant, string> = {
  default: '',
  primary: 'btn-primary',
  danger: 'btn-danger',
  'danger-solid': 'btn-danger btn-solid',
  ghost: 'btn-ghost',
}

export function Button({ variant = 'default', small, className, type = 'button', ...rest }: ButtonProps) {
  const classes = ['btn', VARIANT_CLASS[variant], small ? 'btn-small' : '', className ?? ''].filter(Boolean).join(' ')
  return <button type={type} className={classes} {...rest} />
}
