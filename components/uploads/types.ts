/** Plain data the uploads page hands from the server to the upload panel. */

export interface FormatOption {
  id: string;
  label: string;
  kind: string;
}

export interface SavedMapping {
  name: string;
  mapping: Record<string, string>;
}
