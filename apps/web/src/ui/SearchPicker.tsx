import { Loader, MultiSelect, Select, type MultiSelectProps, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

export interface PickerOption {
  value: string;
  label: string;
}

/** What a picker asks the server for: the first options matching `search`, and whether more match. */
export type OptionSearch = (search: string) => { options: PickerOption[]; loading: boolean; more: boolean };

/** Options found so far plus the ones already chosen, whose labels must stay known when the search moves on. */
function useKnownOptions(found: PickerOption[], initial: PickerOption[] | undefined) {
  const known = useRef(new Map<string, string>());
  for (const option of [...(initial ?? []), ...found]) known.current.set(option.value, option.label);
  return (selected: string[]) => {
    const byValue = new Map(found.map((option) => [option.value, option]));
    for (const value of selected) {
      const label = known.current.get(value);
      if (!byValue.has(value) && label !== undefined) byValue.set(value, { value, label });
    }
    return [...byValue.values()];
  };
}

function useSearch(useOptions: OptionSearch) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const result = useOptions(debounced);
  return { search, setSearch, debounced, ...result };
}

/**
 * A multiple choice searched on the server: it shows the first matches and says when there are
 * more, instead of loading a fixed number of options and silently leaving the rest out.
 */
export function SearchMultiPicker({
  useOptions,
  initialOptions,
  ...props
}: Omit<MultiSelectProps, 'data' | 'searchable' | 'searchValue' | 'onSearchChange' | 'filter'> & {
  useOptions: OptionSearch;
  initialOptions?: PickerOption[];
}) {
  const { t } = useTranslation();
  const { search, setSearch, debounced, options, loading, more } = useSearch(useOptions);
  const withChosen = useKnownOptions(options, initialOptions);
  const data = withChosen((props.value ?? []) as string[]);
  return (
    <MultiSelect
      {...props}
      data={data}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: all }) => all} // the server filtered them
      rightSection={loading ? <Loader size={14} /> : undefined}
      nothingFoundMessage={loading ? t('app.loading') : debounced ? t('common.noMatch', { search: debounced }) : undefined}
      description={more ? [props.description, t('common.showingFirst', { count: options.length })].filter(Boolean).join(' ') : props.description}
    />
  );
}

/** A single choice searched on the server (see SearchMultiPicker). */
export function SearchPicker({
  useOptions,
  initialOptions,
  ...props
}: Omit<SelectProps, 'data' | 'searchable' | 'searchValue' | 'onSearchChange' | 'filter'> & { useOptions: OptionSearch; initialOptions?: PickerOption[] }) {
  const { t } = useTranslation();
  const { search, setSearch, debounced, options, loading, more } = useSearch(useOptions);
  const withChosen = useKnownOptions(options, initialOptions);
  const data = withChosen(props.value ? [props.value] : []);
  return (
    <Select
      {...props}
      data={data}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: all }) => all}
      rightSection={loading ? <Loader size={14} /> : undefined}
      nothingFoundMessage={loading ? t('app.loading') : debounced ? t('common.noMatch', { search: debounced }) : undefined}
      description={more ? [props.description, t('common.showingFirst', { count: options.length })].filter(Boolean).join(' ') : props.description}
    />
  );
}
