import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { ApiError } from './api/client.ts';
import { onSignedOut } from './api/signed-out.ts';
import { App } from './app.tsx';
import { applyStoredTheme } from './lib/theme.ts';
import './styles/app.css';

applyStoredTheme();

const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError: (e) => onSignedOut(queryClient, e) }),
  mutationCache: new MutationCache({ onError: (e) => onSignedOut(queryClient, e) }),
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      // 4xx answers will not change on retry; network blips might.
      retry: (n, e) => !(e instanceof ApiError && e.status >= 400 && e.status < 500) && n < 2,
    },
  },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>
        <App />
      </BrowserRouter>
    </QueryClientProvider>
  </StrictMode>,
);
