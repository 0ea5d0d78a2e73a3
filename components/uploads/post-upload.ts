import { readUploadAnswer, type UploadAnswer } from "./upload-response";

/**
 * POSTs one file to /api/uploads as multipart with XMLHttpRequest (fetch has no upload progress).
 * Same origin: the session cookie authenticates and the browser's Origin header passes the CSRF check.
 * Never rejects: network failures come back as an error answer.
 */
export function postUpload(file: File, fields: readonly [string, string][], onProgress: (loaded: number, total: number) => void): Promise<UploadAnswer> {
  return new Promise((resolve) => {
    const form = new FormData();
    for (const [key, value] of fields) form.append(key, value);
    form.append("file", file, file.name);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/uploads");
    xhr.setRequestHeader("Accept", "application/json");
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded, event.total);
    };
    xhr.onload = () => resolve(readUploadAnswer(xhr.status, xhr.responseText, file.name));
    xhr.onerror = () => resolve(readUploadAnswer(0, "", file.name));
    xhr.onabort = () => resolve(readUploadAnswer(0, "", file.name));
    xhr.send(form);
  });
}
