import { Alert, Steps, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import type { Session } from '../../session.ts';
import { T } from '../../text.ts';
import { PastImports } from './PastImports.tsx';
import { PreviewStep } from './PreviewStep.tsx';
import { ResultStep } from './ResultStep.tsx';
import { UploadStep } from './UploadStep.tsx';

type Step = 'upload' | 'preview' | 'result';
const ORDER: Step[] = ['upload', 'preview', 'result'];

/**
 * The import wizard over the staged import: her file is read and planned (nothing written), she
 * sees every row's fate and reason and may correct the column mapping, confirms, then sees the
 * result with the error file, and may undo it — or undo a past import from the list under the upload.
 */
export function ImportScreen({ session }: { session: Session }) {
  const [step, setStep] = useState<Step>('upload');
  const [jobId, setJobId] = useState<string | null>(null);
  const organization = session.user.organization;
  // Each step, once she moves to it (her file read, her import done, back to another file), takes the
  // keyboard's focus and its name is said: the button she pressed is gone, and the focus fell to the page.
  const stepBox = useRef<HTMLDivElement>(null);
  const moved = useRef(false);
  useEffect(() => {
    if (moved.current) stepBox.current?.focus();
    moved.current = true;
  }, [step]);
  return (
    <section aria-labelledby="import-title">
      <Typography.Title level={1} id="import-title" style={{ fontSize: 22 }}>
        {T.imports.title}
      </Typography.Title>
      <Steps current={ORDER.indexOf(step)} items={T.imports.steps.map((title) => ({ title }))} style={{ marginBottom: 24 }} />
      {!organization && <Alert type="info" showIcon title={T.imports.secretariatOnly} />}
      <div ref={stepBox} role="region" tabIndex={-1} aria-label={T.imports.steps[ORDER.indexOf(step)]} style={{ outline: 'none' }}>
        {organization && step === 'upload' && (
          <UploadStep
            organization={organization}
            csrfToken={session.csrfToken}
            onPlanned={(id) => {
              setJobId(id);
              setStep('preview');
            }}
          />
        )}
        {organization && step === 'preview' && jobId && (
          <PreviewStep
            organization={organization}
            ownUnit={session.user.unit}
            jobId={jobId}
            onConfirmed={() => setStep('result')}
            onCancel={() => setStep('upload')}
          />
        )}
        {step === 'result' && jobId && <ResultStep jobId={jobId} onAnother={() => setStep('upload')} />}
        {organization && step === 'upload' && (
          <PastImports
            onResume={(id) => {
              setJobId(id);
              setStep('preview');
            }}
            onOpen={(id) => {
              setJobId(id);
              setStep('result');
            }}
          />
        )}
      </div>
    </section>
  );
}
