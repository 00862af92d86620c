import { useEffect } from 'react';
import { useSearchParams } from 'react-router-dom';
import { EmptyState } from '../components/EmptyState';
import { HwAccelPanel } from '../components/transcode/HwAccelPanel';
import { JobList } from '../components/transcode/JobList';
import { NewJobForm } from '../components/transcode/NewJobForm';
import '../components/transcode/transcode.css';
import { useEngine } from '../store/engine';
import { useSession } from '../store/session';
import { useTranscodes } from '../store/transcode';
import { isActive, jobsSummary } from '../transcode-format';

/** Transcode jobs and clip exports with their progress; /jobs?file=ID preselects a library file in the form. */
export function JobsPage() {
  const jobs = useTranscodes((s) => s.jobs);
  const jobsError = useTranscodes((s) => s.jobsError);
  const loadJobs = useTranscodes((s) => s.loadJobs);
  const isAdmin = useSession((s) => s.user?.isAdmin ?? false);
  const enginePaused = useEngine((s) => s.status?.paused ?? false);
  const [params] = useSearchParams();
  const fileParam = Number(params.get('file'));
  const fileId = Number.isInteger(fileParam) && fileParam > 0 ? fileParam : null;

  // one fetch on arrival; `transcode.changed` over SSE keeps it current from then on
  useEffect(() => {
    void loadJobs();
  }, [loadJobs]);

  return (
    <>
      <div className="page-head">
        <h1 className="page-title">Jobs</h1>
        {jobs && jobs.length > 0 && <span className="muted small">{jobsSummary(jobs)}</span>}
      </div>
      <div className="tj-page">
        <NewJobForm fileId={fileId} />
        {enginePaused && jobs?.some(isActive) && (
          <p className="notice small" data-testid="jobs-work-paused">
            All work is paused, transcodes included. They carry on when you press “Resume work” in the top bar.
          </p>
        )}
        {jobsError && (
          <p className="error-text">
            {jobs ? "Couldn't refresh the jobs" : "Couldn't load the jobs"}: {jobsError}
          </p>
        )}
        {jobs === null && !jobsError && <p className="muted">Loading jobs…</p>}
        {jobs && jobs.length === 0 && (
          <EmptyState title="No jobs yet" icon="⇄" testId="jobs-empty">
            <p>
              Pick a file from your library above to make a copy for phones (<code>mobile-720p</code>) or a clip small enough for
              a Telegram message (<code>telegram</code>). Give a start and a length to export just a part of it.
            </p>
          </EmptyState>
        )}
        {jobs && jobs.length > 0 && <JobList jobs={jobs} />}
        <HwAccelPanel isAdmin={isAdmin} />
      </div>
    </>
  );
}
