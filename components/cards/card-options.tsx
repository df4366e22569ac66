import { CARD_TYPES, PRIORITIES, priorityMeta, ROLE_META, STAGES, STAGE_LABEL, typeMeta } from "./card-meta";

/** The <option> lists of the card field selects, shared by the card panel and the New card dialog. */
const Empty = ({ label }: { label?: string }) => (label ? <option value="">{label}</option> : null);

export const TypeOptions = () =>
  CARD_TYPES.map((t) => (
    <option key={t} value={t}>
      {typeMeta(t).label}
    </option>
  ));

export const StageOptions = ({ empty }: { empty?: string }) => (
  <>
    <Empty label={empty} />
    {STAGES.map((s) => (
      <option key={s} value={s}>
        {STAGE_LABEL[s]}
      </option>
    ))}
  </>
);

export const RoleOptions = ({ empty }: { empty?: string }) => (
  <>
    <Empty label={empty} />
    {Object.entries(ROLE_META).map(([v, m]) => (
      <option key={v} value={v}>
        {m.label}
      </option>
    ))}
  </>
);

export const PriorityOptions = () =>
  PRIORITIES.map((p) => (
    <option key={p} value={p}>
      {priorityMeta(p).label}
    </option>
  ));

export const MemberOptions = ({ members, empty }: { members: { userId: string; name: string }[]; empty?: string }) => (
  <>
    <Empty label={empty} />
    {members.map((m) => (
      <option key={m.userId} value={m.userId}>
        {m.name}
      </option>
    ))}
  </>
);
