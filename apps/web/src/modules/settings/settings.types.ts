export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** `GET /api/settings?scope=` items */
export interface SettingItem {
  key: string;
  label: string;
  description: string;
  value: JsonValue;
  inheritedFrom: { code: string; name: string } | null;
  definedHere: boolean;
}
