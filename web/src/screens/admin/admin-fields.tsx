// The pieces the admin screens' forms and pages share, each once: the user,
// role and unit choices (a role's role, unit and programme fields together), a form in its own card (title, fields, submit, the
// change's error), and a read's loading and error states with a retry.
import type { UseQueryResult } from "@tanstack/react-query";
import type { FormEvent, ReactNode } from "react";
import { useApp } from "../../context.js";
import type { ControlProps } from "../../form-field.js";
import type { MessageKey } from "../../i18n.js";
import { ErrorMessage, Field, Loading } from "../../ui.js";
import { UNIT_ROLES, type AdminRole } from "./admin-form-problems.js";
import { ADMIN_ROLES, type AdminUser } from "./admin-shared.js";

type Change = (e: { target: { value: string } }) => void;

/** Choose a user, by user name (the form's `userId`). */
export function UserSelect({ users, value, onChange }: { users: readonly AdminUser[]; value: string; onChange: Change }) {
  const { t } = useApp();
  return (
    <Field label={t("admin.col.user")}>
      <select name="userId" required value={value} onChange={onChange}>
        <option value="">{t("admin.choose")}</option>
        {users.map((u) => (
          <option key={u.id} value={u.id}>
            {u.username}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** Choose one of the units; the first option (`none`: "no unit" in a form, "all" in a filter) is the empty value. */
export function UnitSelect({ value, onChange, none, name }: { value: string; onChange: Change; none: MessageKey; name?: string }) {
  const { t, units } = useApp();
  return (
    <Field label={t("admin.col.unit")}>
      <select name={name} value={value} onChange={onChange}>
        <option value="">{t(none)}</option>
        {units.map((u) => (
          <option key={u.code} value={u.code}>
            {u.code}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** The role control of a checked form (the grant-role and new-user forms): nothing chosen until the admin chooses. */
function RoleControl({ control, value, onChange }: { control: ControlProps; value: string; onChange: Change }) {
  const { t } = useApp();
  return (
    <select {...control} name="role" value={value} onChange={onChange}>
      <option value="">{t("admin.choose")}</option>
      {ADMIN_ROLES.map((r) => (
        <option key={r} value={r}>
          {r}
        </option>
      ))}
    </select>
  );
}

/** The unit control of a checked form: "choose" when the role needs a unit, "no unit" otherwise. */
function UnitControl({ control, value, onChange, unitRole }: { control: ControlProps; value: string; onChange: Change; unitRole: boolean }) {
  const { t, units } = useApp();
  return (
    <select {...control} name="unitCode" value={value} onChange={onChange}>
      <option value="">{t(unitRole ? "admin.choose" : "admin.noUnit")}</option>
      {units.map((u) => (
        <option key={u.code} value={u.code}>
          {u.code}
        </option>
      ))}
    </select>
  );
}

type ScopeField = "role" | "unitCode" | "programme";

/**
 * A role's fields in a checked form (the grant-role and new-user forms), each through the form's own `field`: the role,
 * its unit (said to be needed when the role is a unit's; `otherUnitHint` otherwise) and its programme.
 */
export function RoleScopeFields(props: {
  form: { role: AdminRole | ""; unitCode: string; programme: string };
  set: (key: ScopeField) => Change;
  field: (key: ScopeField, label: string, control: (c: ControlProps) => ReactNode, hint?: string) => ReactNode;
  otherUnitHint?: string | undefined;
}) {
  const { t } = useApp();
  const { form, set, field } = props;
  const unitRole = form.role !== "" && UNIT_ROLES.includes(form.role);
  return (
    <>
      {field("role", t("admin.col.role"), (c) => <RoleControl control={c} value={form.role} onChange={set("role")} />)}
      {field(
        "unitCode",
        t("admin.col.unit"),
        (c) => <UnitControl control={c} value={form.unitCode} onChange={set("unitCode")} unitRole={unitRole} />,
        unitRole ? t("admin.users.unitHint") : props.otherUnitHint,
      )}
      {field("programme", t("admin.col.programme"), (c) => <input {...c} name="programme" value={form.programme} onChange={set("programme")} />)}
    </>
  );
}

/** A form in its own card: its title, its fields in a row, the submit button, and the change's error. */
export function AdminFormCard(props: { id: string; title: string; submit: string; busy: boolean; error: Error | null; onSubmit: () => Promise<void>; children: ReactNode }) {
  const send = (event: FormEvent) => {
    event.preventDefault();
    void props.onSubmit();
  };
  return (
    <form className="card" onSubmit={send} aria-labelledby={props.id}>
      <h2 id={props.id}>{props.title}</h2>
      <div className="filters">
        {props.children}
        <button type="submit" disabled={props.busy}>
          {props.submit}
        </button>
      </div>
      {props.error && <ErrorMessage error={props.error} />}
    </form>
  );
}

/** A read's loading and error states (with a retry); what it read is the caller's to show. */
export function ReadStates({ read }: { read: Pick<UseQueryResult<unknown>, "error" | "isPending" | "refetch"> }) {
  return (
    <>
      {read.isPending && <Loading />}
      {read.error && <ErrorMessage error={read.error} retry={() => void read.refetch()} />}
    </>
  );
}
