import type { ReactNode } from 'react'
import type { FieldErrors } from './field-errors.ts'

// The labelled inputs both layers' forms are made of: the label, the input, and the shared
// schema's (or the API's) message for the field below it.

export interface FieldProps {
  name: string
  label: string
  errors: FieldErrors
  children: ReactNode
}

export function Field({ name, label, errors, children }: FieldProps) {
  return (
    <div className="admin-field">
      <label htmlFor={`f-${name}`}>{label}</label>
      {children}
      {errors[name] !== undefined && (
        <p className="admin-field-error" role="alert" id={`f-${name}-error`}>
          {errors[name]}
        </p>
      )}
    </div>
  )
}

export interface TextFieldProps {
  name: string
  label: string
  value: string
  errors: FieldErrors
  onChange: (value: string) => void
  type?: 'text' | 'tel' | 'date' | 'number'
}

export function TextField({ name, label, value, errors, onChange, type = 'text' }: TextFieldProps) {
  return (
    <Field name={name} label={label} errors={errors}>
      <input
        id={`f-${name}`}
        name={name}
        type={type}
        value={value}
        aria-invalid={errors[name] !== undefined}
        onChange={(e) => onChange(e.target.value)}
      />
    </Field>
  )
}

export interface SelectFieldProps<O extends string> {
  name: string
  label: string
  value: O
  options: readonly O[]
  optionLabel: (option: O) => string
  errors: FieldErrors
  onChange: (value: O) => void
}

export function SelectField<O extends string>(p: SelectFieldProps<O>) {
  return (
    <Field name={p.name} label={p.label} errors={p.errors}>
      <select
        id={`f-${p.name}`}
        name={p.name}
        value={p.value}
        onChange={(e) => p.onChange(e.target.value as O)}
      >
        {p.options.map((o) => (
          <option key={o} value={o}>
            {p.optionLabel(o)}
          </option>
        ))}
      </select>
    </Field>
  )
}
